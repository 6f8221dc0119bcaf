using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>
/// A real sender's replayed ClientHello got an alert or a closed connection although it shares a
/// protocol version with the server: no suite (or group, or signature algorithm) in common.
/// Timeouts and unreadable answers are operational failures, not this finding.
/// </summary>
public sealed class SenderCannotNegotiateCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes.Where(p => p.TlsTested))
        {
            var accepted = probe.AcceptedVersions;
            var failed = probe.Senders
                .Where(s => s.Outcome is HelloOutcomeKind.Alert or HelloOutcomeKind.Closed && s.OfferedVersions.Any(accepted.Contains))
                .ToList();
            if (failed.Count == 0)
            {
                continue;
            }

            yield return FindingCatalogue.SenderCannotNegotiate.Raise(
                $"{probe.Target} refuses the ClientHello of {string.Join(", ", failed.Select(s => s.Name))} although they share {ProbeText.Versions(failed.SelectMany(s => s.OfferedVersions).Where(accepted.Contains).Distinct().Order())}: no cipher suite or group in common, so these senders bounce, defer or retry without TLS.",
                [
                    .. failed.Select(s => ProbeText.Fact(probe, $"{s.Name} ({s.ProfileId}) offers {ProbeText.Versions(s.OfferedVersions)}: {s.Detail}")),
                    .. probe.Protocols.Where(p => p.Accepted == true).Select(p => ProbeText.Fact(probe, $"{TlsProtocolNames.Of(p.Version)} accepts {string.Join(", ", p.Suites.Select(s => s.Suite.DisplayName))}")),
                ],
                new Remediation(
                    "Widen the cipher list until the sender negotiates: go back to the default grade and remove exclusions added by hand.",
                    ["postconf -# tls_medium_cipherlist smtpd_tls_exclude_ciphers", "postconf -e 'smtpd_tls_ciphers = medium'", "postfix reload", "mailtls probe HOST"],
                    "At opportunistic level any suite beats cleartext; keep strict lists for mandatory TLS."),
                affected: [.. failed.Select(s => s.Name)]);
        }
    }
}
