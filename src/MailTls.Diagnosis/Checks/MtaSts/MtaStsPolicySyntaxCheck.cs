using MailTls.Core.MtaSts;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.MtaSts;

/// <summary>
/// The fetched policy body against RFC 8461 section 3.2 (<c>mta-sts-policy-invalid</c>, with the
/// corrected policy to publish), and a usable policy left in testing mode
/// (<c>mta-sts-testing-mode</c>).
/// </summary>
public sealed class MtaStsPolicySyntaxCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var sts in evidence.MtaSts)
        {
            if (sts.Policy is not { } parsed)
            {
                continue;
            }

            if (parsed.Problems.Count > 0)
            {
                var consequence = parsed.Policy is null
                    ? "senders reject it and act as if there were no policy"
                    : "strict senders may reject it";
                yield return FindingCatalogue.MtaStsPolicyInvalid.Raise(
                    $"The MTA-STS policy of {sts.Domain} has {parsed.Problems.Count} syntax error(s), the first: {parsed.Problems[0]}; {consequence}.",
                    [.. parsed.Problems.Select(p => MtaStsText.ProblemEvidence(sts, p))],
                    new Remediation(
                        "Serve this policy (LF or CRLF line endings, no blank lines), then publish a new id so senders fetch it.",
                        [.. MtaStsText.PolicyLines(sts, []), MtaStsText.StsRecordLine(sts, evidence.CollectedAt)]),
                    affected: [sts.Domain]);
            }

            if (parsed.Policy is { Mode: MtaStsMode.Testing } policy)
            {
                yield return FindingCatalogue.MtaStsTestingMode.Raise(
                    $"The MTA-STS policy of {sts.Domain} is in testing mode (line {policy.ModeLine}): senders report failures but still deliver over unauthenticated or plaintext connections.",
                    [MtaStsText.ProblemEvidence(sts, new MtaStsProblem(policy.ModeLine, null, "mode: testing"))],
                    new Remediation(
                        "Once TLS-RPT reports show no failures for a few weeks, switch to enforce and publish a new id.",
                        ["mode: enforce", MtaStsText.StsRecordLine(sts, evidence.CollectedAt)]),
                    affected: [sts.Domain]);
            }
        }
    }
}
