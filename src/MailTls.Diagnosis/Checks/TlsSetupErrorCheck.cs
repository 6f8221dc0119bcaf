using MailTls.Core.Logs;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>
/// Start-up errors in this server's own TLS set-up (certificate or key unreadable, key/cert mismatch,
/// invalid protocol list): Postfix then disables TLS and answers STARTTLS with 454.
/// </summary>
public sealed class TlsSetupErrorCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var (detail, group) in evidence.LogDigest.StartupErrors)
        {
            var first = group.First;
            yield return FindingCatalogue.TlsSetupBroken.Raise(
                $"{first.Program} could not set up TLS {group.Count} time(s){TlsEventGroups.Span(group)}: {detail}",
                [new LogLineEvidence(first.CauseLocation ?? first.Location, first.CauseText ?? detail)],
                new Remediation(
                    "Fix the file or setting named in the message, then reload.",
                    ["postconf -n | grep -E 'tls_(cert|key|eccert|eckey|chain)_file|tls_protocols'", "openssl x509 -noout -modulus -in CERT | openssl md5; openssl rsa -noout -modulus -in KEY | openssl md5", "postfix reload"]),
                [first.Program],
                group.Count);
        }
    }
}
