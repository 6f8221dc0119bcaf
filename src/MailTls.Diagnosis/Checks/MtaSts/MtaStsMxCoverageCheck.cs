using MailTls.Core.Dns;
using MailTls.Core.MtaSts;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.MtaSts;

/// <summary>
/// Each MX host against the policy's <c>mx:</c> patterns (RFC 8461 section 4.1). In enforce mode a
/// sender will not deliver to an MX host no pattern matches (section 5), so mail queues when the
/// covered hosts are down or all hosts are uncovered; in testing mode the failure is only reported.
/// Raises <c>mta-sts-mx-not-covered</c> with the <c>mx:</c> lines to add.
/// </summary>
public sealed class MtaStsMxCoverageCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var sts in evidence.MtaSts)
        {
            if (sts.Policy?.Policy is not { Mode: not MtaStsMode.None } policy
                || sts.Mx is not { Kind: MxResolutionKind.Mx or MxResolutionKind.ImplicitMx } mx)
            {
                continue;
            }

            var uncovered = mx.Hosts.Select(h => h.Exchange.TrimEnd('.')).Where(h => !policy.Covers(h)).ToList();
            if (uncovered.Count == 0)
            {
                continue;
            }

            var consequence = policy.Mode == MtaStsMode.Enforce
                ? "senders that enforce MTA-STS will not deliver to them"
                : "senders report each delivery to them as a failure (validation-failure in TLS-RPT), which blocks mail once the mode is enforce";
            yield return FindingCatalogue.MtaStsMxNotCovered.Raise(
                $"{uncovered.Count} MX host(s) of {sts.Domain} ({string.Join(", ", uncovered)}) match no mx: pattern of its MTA-STS policy; {consequence}.",
                [
                    .. mx.Hosts.Where(h => uncovered.Contains(h.Exchange.TrimEnd('.'))).Select(h => new DnsEvidence(mx.Mx.Name, "MX", $"{h.Preference} {h.Exchange}", mx.Mx.Dnssec)),
                    .. policy.Mx.Select(m => MtaStsText.ProblemEvidence(sts, new MtaStsProblem(m.Line, null, "the policy allows only the hosts its mx: lines match"))),
                ],
                new Remediation(
                    "Add an mx: line for each host (or a *. pattern one label above them) to the policy, then publish a new id so senders refetch it.",
                    [.. MtaStsText.PolicyLines(sts, uncovered), MtaStsText.StsRecordLine(sts, evidence.CollectedAt)]),
                affected: uncovered,
                severity: policy.Mode == MtaStsMode.Enforce ? Severity.Critical : Severity.Warning);
        }
    }
}
