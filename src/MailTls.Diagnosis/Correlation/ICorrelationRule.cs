using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Correlation;

/// <summary>
/// A rule that joins findings different sources raised about one cause (log failures, the
/// configuration line behind them, the probe fact that confirms it) into one finding.
/// </summary>
public interface ICorrelationRule
{
    /// <summary>Returns the findings with the ones this rule joins replaced by the joined finding.</summary>
    /// <param name="findings">Findings from the checks (and earlier rules).</param>
    /// <param name="evidence">The evidence they were raised from.</param>
    /// <returns>The findings after joining; the same list when there is nothing to join.</returns>
    IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, EvidenceSet evidence);
}
