using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Correlation;

/// <summary>
/// Runs the correlation rules in order. Each rule only joins findings that are both present, so a
/// single-source run (only logs, only config) comes out unchanged.
/// </summary>
public static class Correlator
{
    /// <summary>Every rule, in the order they run.</summary>
    public static IReadOnlyList<ICorrelationRule> Rules { get; } =
    [
        new ProtocolFloorCorrelation(),
        new NoSharedCipherCorrelation(),
        new StaleTlsaCorrelation(),
        new SecurePolicyCorrelation(),
    ];

    /// <summary>Applies every rule.</summary>
    /// <param name="findings">Findings from the checks.</param>
    /// <param name="evidence">The evidence they were raised from.</param>
    /// <returns>The findings with joined causes merged.</returns>
    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var rule in Rules)
        {
            findings = rule.Apply(findings, evidence);
        }

        return findings;
    }
}
