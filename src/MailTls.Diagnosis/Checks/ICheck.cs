using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>A rule that turns evidence into findings. Checks are pure and independent.</summary>
public interface ICheck
{
    /// <summary>Evaluates the rule.</summary>
    /// <param name="evidence">What the collectors gathered.</param>
    /// <returns>The findings this rule raises; none when it has nothing to say.</returns>
    IEnumerable<Finding> Evaluate(EvidenceSet evidence);
}
