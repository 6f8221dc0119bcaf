using MailTls.Core.Tls;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>The server negotiates SSL 3.0 (warning) or TLS 1.0/1.1 (info: on port 25 they are kept on purpose).</summary>
public sealed class LegacyProtocolAcceptedCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes)
        {
            var legacy = probe.AcceptedVersions.Where(v => v < TlsProtocolVersion.Tls12).ToList();
            if (legacy.Count == 0)
            {
                continue;
            }

            var broken = legacy.Any(v => v <= TlsProtocolVersion.Ssl3);
            var submission = !ProbeText.ReceivesFromMtas(probe);
            yield return FindingCatalogue.LegacyProtocolAccepted.Raise(
                broken
                    ? $"{probe.Target} accepts {ProbeText.Versions(legacy)}; SSL 3.0 is broken (POODLE) and no sender needs it."
                    : submission
                        ? $"{probe.Target} accepts {ProbeText.Versions(legacy)} on a submission port, where the clients are your own and speak TLS 1.2."
                        : $"{probe.Target} accepts {ProbeText.Versions(legacy)}, deprecated by RFC 8996; on port 25 this is deliberate so that old senders keep TLS.",
                [ProbeText.Fact(probe, $"accepts {ProbeText.Versions(probe.AcceptedVersions)}")],
                new Remediation(
                    broken ? "Refuse SSL 3.0 (and SSL 2.0)." : submission ? "Require TLS 1.2 on submission." : "Nothing to do on port 25 unless every sender you need speaks TLS 1.2.",
                    broken ? ["postconf -e 'smtpd_tls_protocols = >=TLSv1'", "postfix reload"]
                        : submission ? ["postconf -P 'submission/inet/smtpd_tls_protocols=>=TLSv1.2'", "postfix reload"] : []),
                affected: [probe.Target],
                severity: broken || submission ? Severity.Warning : Severity.Info);
        }
    }
}
