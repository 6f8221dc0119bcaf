using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>
/// No tested mechanism resumed: every repeat sender pays a full handshake (key exchange and
/// signature) per connection, which a busy MX feels. Informational: mail still flows.
/// </summary>
public sealed class SessionResumptionCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes.Where(p => p.Resumption is { NeverResumes: true }))
        {
            var resumption = probe.Resumption!;
            yield return FindingCatalogue.SessionResumptionUnavailable.Raise(
                $"{probe.Target} resumed no session on a second connection: every repeat sender pays a full handshake each time.",
                [
                    ProbeText.Fact(probe, $"TLS 1.2 session id: {resumption.SessionId.Detail}"),
                    ProbeText.Fact(probe, $"TLS 1.2 ticket: {resumption.Ticket.Detail}"),
                    ProbeText.Fact(probe, $"TLS 1.3 PSK: {resumption.Tls13Psk.Detail}"),
                ],
                new Remediation(
                    "On Postfix, keep smtpd_tls_session_cache_timeout above 0 and NO_TICKET out of tls_ssl_options (tickets, TLS 1.2 and 1.3), and give smtpd a shared session cache for clients without tickets.",
                    ["postconf -e 'smtpd_tls_session_cache_database = btree:${data_directory}/smtpd_scache'", "postfix reload"]),
                affected: [probe.Target]);
        }
    }
}
