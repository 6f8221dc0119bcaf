using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Policy;

/// <summary>
/// A policy entry (or global level) Postfix rejects: mail for the destination is deferred with
/// 4.7.5 "client TLS configuration problem", whatever the server offers.
/// </summary>
public sealed class PolicyInvalidCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var evaluation in evidence.OutboundPolicies.Where(e => e.Decision.Choice.Problem is not null))
        {
            var decision = evaluation.Decision;
            var where = decision.Choice.Entry?.Location.ToString() ?? decision.Choice.Global?.Name ?? "main.cf";
            yield return FindingCatalogue.PolicyInvalid.Raise(
                $"The TLS policy for {decision.NextHop.Destination} ({where}) is invalid: {decision.Choice.Problem}; Postfix defers every message to it with 4.7.5 \"client TLS configuration problem\".",
                [.. PolicyCitations.Decision(decision)],
                new Remediation(
                    "Correct the entry (see postconf(5) smtp_tls_policy_maps for levels and attributes), rebuild the table and reload.",
                    [$"editor {decision.Choice.Entry?.Location.Path ?? "/etc/postfix/main.cf"}", $"postmap {decision.Choice.Table ?? "TABLE"}", "postfix reload"]),
                affected: [decision.NextHop.Destination]);
        }
    }
}
