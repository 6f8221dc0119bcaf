using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>
/// The chain file ends with a self-issued root. Senders ignore it (they must already trust the
/// root), it costs bytes in every handshake, and it makes <c>openssl s_client</c> report
/// "self signed certificate in certificate chain" (scenario 1).
/// </summary>
public sealed class CertChainIncludesRootCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var slot in evidence.Certificates.Where(s => s.Report?.IncludedRoot is not null))
        {
            var root = slot.Report!.IncludedRoot!;
            yield return FindingCatalogue.CertChainIncludesRoot.Raise(
                $"{root.Location} is the root \"{root.Certificate.Subject}\"; sending it is useless to senders, who must already trust it, and it shows up as \"self signed certificate in certificate chain\".",
                [SlotCitations.Parameter(slot, evidence), SlotCitations.Certificate(root)],
                new Remediation(
                    "Remove the root certificate (the last block) from the chain file.",
                    [$"editor {root.Location.Path}", "postfix reload"]),
                affected: SlotCitations.Affected(slot));
        }
    }
}
