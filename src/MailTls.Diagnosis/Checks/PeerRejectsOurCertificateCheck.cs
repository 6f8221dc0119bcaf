using MailTls.Core.Logs;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>
/// Peers that abort the handshake with an alert about the certificate this server sent
/// (<c>bad certificate</c>, <c>unknown ca</c>, <c>certificate unknown/expired</c>). TLS gives the peer no
/// way to say why, so the finding lists the likely causes in the order they occur in practice
/// (scenario 4: a DANE-validating sender and a stale TLSA record).
/// </summary>
public sealed class PeerRejectsOurCertificateCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.LogDigest.PeerRejectedOurCertificate is not { } group)
        {
            yield break;
        }

        yield return FindingCatalogue.PeerRejectsOurCertificate.Raise(
            $"{group.Count} handshake(s) were aborted by {TlsEventGroups.Describe(group)} with an alert about this server's own certificate " +
            $"({TlsEventGroups.Details(group)}){TlsEventGroups.Span(group)}. Likely causes, in order: a DANE TLSA record that no longer matches " +
            "the certificate (after a renewal), a missing intermediate certificate, an expired certificate, a name that does not match.",
            TlsEventGroups.Evidence(group),
            new Remediation(
                "Compare what the server presents with its TLSA records and with what a verifier needs.",
                ["mailtls dane $(postconf -h myhostname)", "echo quit | openssl s_client -connect $(postconf -h myhostname):25 -starttls smtp -showcerts", "mailtls probe $(postconf -h myhostname)"]),
            TlsEventGroups.Subjects(group),
            group.Count);
    }
}
