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
        var events = evidence.TlsEvents.Where(e => e.Direction == TlsDirection.Startup).ToList();
        foreach (var group in events.GroupBy(e => e.Detail ?? "", StringComparer.Ordinal))
        {
            var list = group.ToList();
            yield return FindingCatalogue.TlsSetupBroken.Raise(
                $"{list[0].Program} could not set up TLS {list.Count} time(s){TlsEventGroups.Span(list)}: {group.Key}",
                [new LogLineEvidence(list[0].CauseLocation ?? list[0].Location, list[0].CauseText ?? group.Key)],
                new Remediation(
                    "Fix the file or setting named in the message, then reload.",
                    ["postconf -n | grep -E 'tls_(cert|key|eccert|eckey|chain)_file|tls_protocols'", "openssl x509 -noout -modulus -in CERT | openssl md5; openssl rsa -noout -modulus -in KEY | openssl md5", "postfix reload"]),
                [list[0].Program],
                list.Count);
        }
    }
}
