using MailTls.Core.Postfix.Outbound;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Policy;

/// <summary>
/// A <c>secure</c> policy whose match list includes <c>hostname</c>: the MX host name comes from
/// unauthenticated DNS, so an attacker who forges the MX answer picks a name his certificate
/// carries. The policy then protects no more than <c>verify</c>, while reading as <c>secure</c>.
/// </summary>
public sealed class PolicyMatchHostnameCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var evaluation in evidence.OutboundPolicies)
        {
            var decision = evaluation.Decision;
            if (decision.Choice.Level != OutboundLevel.Secure || !decision.NextHop.MxLookup
                || !decision.MatchList.Contains("hostname", StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return FindingCatalogue.PolicyMatchWeakensLevel.Raise(
                $"The secure policy for {decision.NextHop.Destination} accepts any certificate naming the MX host ({decision.MatchListSource}), and MX answers are not authenticated, so it is no stronger than level verify.",
                [.. PolicyCitations.Decision(decision)],
                new Remediation(
                    "Name what you trust instead of the MX host: the destination's own domain, or the provider's domain you have decided to trust.",
                    [$"{decision.NextHop.Dest} secure match=nexthop:dot-nexthop"],
                    "If the provider's certificates never name the destination, use match=.provider.example (a deliberate trust decision) or DANE where the domain publishes TLSA."),
                affected: [decision.NextHop.Destination]);
        }
    }
}
