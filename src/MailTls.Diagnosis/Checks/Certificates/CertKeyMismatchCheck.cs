using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>
/// The key file holds a key that does not belong to the first certificate. OpenSSL refuses the
/// pair and smtpd logs "key/certificate mismatch"; TLS is then unavailable.
/// </summary>
public sealed class CertKeyMismatchCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var slot in evidence.Certificates.Where(s => s.Report is { KeyMatches: false }))
        {
            var report = slot.Report!;
            var keyFile = slot.KeyParameter?.Value ?? report.KeyLocation?.Path ?? slot.CertificateParameter.Value;
            var certFile = report.Leaf!.Location.Path;
            yield return FindingCatalogue.CertKeyMismatch.Raise(
                $"The private key at {report.KeyLocation} does not belong to the certificate at {report.Leaf.Location}, so OpenSSL rejects the pair (\"key/certificate mismatch\") and smtpd offers no working TLS.",
                [
                    SlotCitations.Parameter(slot, evidence),
                    SlotCitations.Certificate(report.Leaf),
                    new SourceEvidence(report.KeyLocation!.ToString(), "a private key whose public half differs from the certificate's"),
                ],
                new Remediation(
                    "Install the key that was used to request this certificate (the two public keys printed below must be identical).",
                    [
                        $"openssl x509 -in {certFile} -noout -pubkey | openssl sha256",
                        $"openssl pkey -in {keyFile} -pubout | openssl sha256",
                    ]),
                affected: SlotCitations.Affected(slot));
        }
    }
}
