using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>
/// The certificate file is not leaf first, each certificate followed by its issuer (RFC 8446
/// section 4.4.2 for TLS 1.2 and earlier; TLS 1.3 tolerates disorder but many verifiers do not).
/// </summary>
public sealed class CertChainOrderCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var slot in evidence.Certificates.Where(s => s.Report?.OrderProblem is not null))
        {
            var report = slot.Report!;
            yield return FindingCatalogue.CertChainOrder.Raise(
                $"In {report.Chain[0].Location.Path}, {report.OrderProblem}; verifying senders (DANE, MTA-STS, secure policies) may reject the chain.",
                [SlotCitations.Parameter(slot, evidence), .. report.Chain.Select(SlotCitations.Certificate)],
                new Remediation(
                    "Rewrite the file as: server certificate, then each issuer in turn, root left out.",
                    ["cat server.pem intermediate.pem > chain.pem", $"postconf -e '{slot.CertificateParameter.Name} = /etc/postfix/chain.pem'", "postfix reload"]),
                affected: SlotCitations.Affected(slot));
        }
    }
}
