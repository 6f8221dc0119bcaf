using MailTls.Core.Logs;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>
/// Senders whose TLS handshakes with this server fail, one finding per cause, naming the
/// organisations, the likely setting behind it and the next command to run. Opportunistic TLS that
/// fails is worse than weak TLS: the sender bounces the mail or delivers it in cleartext.
/// </summary>
public sealed class InboundHandshakeFailuresCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var (cause, group) in evidence.LogDigest.InboundFailures)
        {
            var (why, fix, severity) = Advice(cause);
            yield return FindingCatalogue.InboundHandshakeFailures.Raise(
                $"{group.Count} inbound TLS handshake(s) from {TlsEventGroups.Describe(group)} failed with {cause.ToCode()} " +
                $"({TlsEventGroups.Details(group)}){TlsEventGroups.Span(group)}. {why}",
                TlsEventGroups.Evidence(group),
                fix,
                TlsEventGroups.Subjects(group),
                group.Count,
                severity) with { Topic = cause.ToCode() };
        }
    }

    private static (string Why, Remediation Fix, Severity Severity) Advice(TlsCause cause) => cause switch
    {
        TlsCause.ProtocolVersionMismatch => (
            "The senders offered no protocol version this server accepts: at smtpd_tls_security_level = may the list in smtpd_tls_protocols applies (smtpd_tls_mandatory_protocols only at encrypt).",
            new Remediation(
                "Accept the protocol versions these senders offer for opportunistic TLS.",
                ["postconf smtpd_tls_security_level smtpd_tls_protocols smtpd_tls_mandatory_protocols", "postconf -e 'smtpd_tls_protocols = >=TLSv1'   # Postfix 3.6+; earlier: '!SSLv2, !SSLv3'", "postfix reload", "mailtls config /etc/postfix"],
                "Senders limited to TLS 1.0/1.1 get a weaker session instead of none: a failed opportunistic handshake makes them bounce or send in cleartext."),
            Severity.Critical),
        TlsCause.NoSharedCipher => (
            "The protocol versions agree but no cipher suite does: look at smtpd_tls_ciphers, smtpd_tls_exclude_ciphers, the tls_*_cipherlist values and the server key type.",
            new Remediation(
                "Restore a cipher suite these senders offer without re-enabling weak ones.",
                ["postconf smtpd_tls_ciphers smtpd_tls_mandatory_ciphers smtpd_tls_exclude_ciphers tls_medium_cipherlist tls_high_cipherlist", "mailtls config /etc/postfix"]),
            Severity.Critical),
        TlsCause.TlsModeMismatch => (
            "The client was not speaking TLS when the server expected it (plaintext or HTTP after STARTTLS, or STARTTLS on a wrapper-mode port).",
            new Remediation("Check which service listens on the port, and the clients' port choice.", ["postconf -M | grep -E 'smtps|submissions|wrappermode'"]),
            Severity.Warning),
        TlsCause.TlsRequiredByUs => (
            "This server requires STARTTLS (smtpd_tls_security_level = encrypt) and these clients went on without it.",
            new Remediation("Require TLS only where every client can do it (submission), not on port 25 for the public.", ["postconf smtpd_tls_security_level", "postconf -M submission/inet"]),
            Severity.Warning),
        TlsCause.ClientCertificateProblem => (
            "A client certificate was required (smtpd_tls_req_ccert) and missing or not trusted.",
            new Remediation("Check the client certificate requirement and the CA file used to verify clients.", ["postconf smtpd_tls_req_ccert smtpd_tls_ask_ccert smtpd_tls_CAfile"]),
            Severity.Warning),
        TlsCause.LocalTlsConfigError => (
            "This server's own TLS settings are broken for these sessions.",
            new Remediation("Fix the TLS settings named in the log lines.", ["postconf -n | grep tls", "mailtls config /etc/postfix"]),
            Severity.Critical),
        _ => (
            "The log does not say more: the peer closed, timed out or refused without a specific reason.",
            new Remediation("Raise the TLS log level for a while to see the handshake, then probe this server as the sender would.", ["postconf -e 'smtpd_tls_loglevel = 2' && postfix reload", "mailtls probe localhost"]),
            Severity.Warning),
    };
}
