using MailTls.Core.Certificates;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>
/// The port 25 certificate does not name the server's host name. MTA-STS senders check the MX
/// host name against the certificate (RFC 8461 section 4.1) and secure-policy senders check their
/// configured names; myhostname is the name the server announces and usually its MX name.
/// </summary>
public sealed class CertNameMismatchCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var slot in evidence.Certificates.Where(s => s.ReceivesFromMtas && s.Report?.Leaf is not null && s.HostName.Length > 0))
        {
            var leaf = slot.Report!.Leaf!;
            var names = CertificateNames.Presented(leaf.Certificate);
            if (names.Any(n => CertificateNames.Matches(n, slot.HostName)))
            {
                continue;
            }

            var shown = names.Count == 0 ? "no DNS name at all" : string.Join(", ", names);
            yield return FindingCatalogue.CertNameMismatch.Raise(
                $"The certificate at {leaf.Location} names {shown}, not this server's host name {slot.HostName}; MTA-STS and secure-policy senders that reach it by that name will refuse it.",
                [SlotCitations.Parameter(slot, evidence), SlotCitations.Certificate(leaf)],
                new Remediation(
                    $"Get a certificate whose subjectAltName includes {slot.HostName} (and every MX name that points here), or set myhostname to a name the certificate carries.",
                    [$"certbot certonly -d {slot.HostName}   # or your CA's request", "postfix reload"]),
                affected: SlotCitations.Affected(slot));
        }
    }
}
