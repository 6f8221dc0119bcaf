using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Correlation;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis;

/// <summary>Runs checks over evidence and ranks what they find.</summary>
public static class Diagnoser
{
    /// <summary>
    /// Runs the given checks (all registered checks by default), joins findings about one cause
    /// (<see cref="Correlator"/>) and ranks the result.
    /// </summary>
    /// <param name="evidence">What the collectors gathered.</param>
    /// <param name="checks">The checks to run.</param>
    /// <returns>Findings, most important first.</returns>
    public static IReadOnlyList<Finding> Diagnose(EvidenceSet evidence, IEnumerable<ICheck>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Rank(Correlator.Apply([.. (checks ?? CheckRegistry.All).SelectMany(c => c.Evaluate(evidence))], evidence));
    }

    /// <summary>
    /// Orders findings by severity, then by impact (events, then peers affected), then by id so
    /// that the same evidence always yields the same report.
    /// </summary>
    /// <param name="findings">Findings in any order.</param>
    /// <returns>The ranked list.</returns>
    public static IReadOnlyList<Finding> Rank(IEnumerable<Finding> findings) =>
        [.. findings
            .OrderByDescending(f => f.Severity)
            .ThenByDescending(f => f.Occurrences)
            .ThenByDescending(f => f.Affected.Count)
            .ThenBy(f => f.Id.Value, StringComparer.Ordinal)
            .ThenBy(f => f.Cause, StringComparer.Ordinal)];
}
