using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>
/// Certificate or key files smtpd cannot load: missing, unreadable, not PEM, a key where a
/// certificate belongs, a passphrase-protected key. smtpd then logs "cannot load certificate" or
/// "No server certs available. TLS won't be enabled" and answers STARTTLS with 454.
/// </summary>
public sealed class CertFileInvalidCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var slot in evidence.Postfix is null ? [] : evidence.Certificates)
        {
            var reasons = slot.ReadFailure is { } failure
                ? [(failure.Source, failure.Message)]
                : slot.Report!.Problems.Select(p => (SlotCitations.Where(p.Location, slot), p.Message)).ToList();
            foreach (var (where, message) in reasons)
            {
                yield return FindingCatalogue.CertFileInvalid.Raise(
                    $"{where}: {message}; smtpd cannot load this certificate, so STARTTLS is answered with 454 and TLS senders defer.",
                    [SlotCitations.Parameter(slot, evidence), new Findings.SourceEvidence(where, message)],
                    new Remediation(
                        "Point the parameter at a readable PEM file with the certificate first, then its chain, and the unencrypted key in the key file (or first in smtpd_tls_chain_files).",
                        [$"openssl x509 -in {slot.CertificateParameter.Value.Split(' ')[0]} -noout -subject -enddate", "postfix check", "postfix reload"]),
                    affected: SlotCitations.Affected(slot));
            }
        }
    }
}
