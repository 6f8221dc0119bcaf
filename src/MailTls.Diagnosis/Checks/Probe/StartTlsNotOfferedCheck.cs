using MailTls.Core.Probe;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>The EHLO reply (250) lists no STARTTLS: every sender delivers in cleartext or, when it requires TLS, not at all.</summary>
public sealed class StartTlsNotOfferedCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes.Where(p => p.Smtp?.Verdict is SmtpVerdict.StartTlsNotOffered or SmtpVerdict.StartTlsRefused))
        {
            var smtp = probe.Smtp!;
            var keywords = smtp.Capabilities is { } capabilities ? string.Join(" ", capabilities.Keywords.Keys.Order(StringComparer.Ordinal)) : "none";
            yield return FindingCatalogue.StartTlsNotOffered.Raise(
                smtp.Verdict == SmtpVerdict.StartTlsRefused
                    ? $"{probe.Target} announces STARTTLS but refuses it ({smtp.Detail}), so every sender delivers in cleartext and senders that require TLS cannot deliver."
                    : $"{probe.Target} answers EHLO without STARTTLS (it announces {keywords}), so every sender delivers in cleartext and senders that require TLS (MTA-STS, DANE, secure policies) cannot deliver.",
                [.. smtp.Transcript.Select(line => ProbeText.Fact(probe, line))],
                new Remediation(
                    "Turn on opportunistic TLS for this service with a certificate, then reload Postfix.",
                    ["postconf -e 'smtpd_tls_security_level = may'", "postconf -e 'smtpd_tls_chain_files = /etc/postfix/key.pem, /etc/postfix/fullchain.pem'", "postfix reload"],
                    "Check master.cf for a -o smtpd_tls_security_level=none override on this service."),
                affected: [probe.Target]);
        }
    }
}
