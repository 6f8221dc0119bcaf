using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>
/// The last certificate in the file is issued by a CA that is neither in the file nor among the
/// trusted roots: senders that verify (MTA-STS, DANE-TA, secure policies) cannot build a chain.
/// Only judged when trusted roots were available.
/// </summary>
public sealed class CertChainIncompleteCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.TrustedRootCount == 0)
        {
            yield break;
        }

        foreach (var slot in evidence.Certificates.Where(s => s.Report is { MissingIssuer: not null, OrderProblem: null }))
        {
            var report = slot.Report!;
            yield return FindingCatalogue.CertChainIncomplete.Raise(
                $"{report.Chain[^1].Location.Path} ends with a certificate issued by \"{report.MissingIssuer}\", which is neither in the file nor a trusted root, so verifying senders cannot complete the chain.",
                [SlotCitations.Parameter(slot, evidence), .. report.Chain.Select(SlotCitations.Certificate)],
                new Remediation(
                    $"Append the intermediate certificate of \"{report.MissingIssuer}\" (from your CA) after the server certificate.",
                    [$"cat intermediate.pem >> {report.Chain[^1].Location.Path}", "postfix reload"]),
                affected: SlotCitations.Affected(slot));
        }
    }
}
