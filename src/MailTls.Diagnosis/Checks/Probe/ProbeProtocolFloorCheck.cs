using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>
/// The live counterpart of the configuration check <c>inbound-protocol-floor</c>: on port 25 the
/// server negotiates versions that some real senders do not offer at all, so their handshake fails
/// and they bounce, defer or retry in cleartext. The sender's offer comes from its profile.
/// </summary>
public sealed class ProbeProtocolFloorCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes.Where(p => p.TlsTested && ProbeText.ReceivesFromMtas(p)))
        {
            var accepted = probe.AcceptedVersions;
            if (accepted.Count == 0)
            {
                continue;
            }

            var refused = probe.Senders
                .Where(s => s.OfferedVersions.Count > 0 && !s.OfferedVersions.Any(accepted.Contains) && !s.Negotiated)
                .ToList();
            if (refused.Count == 0)
            {
                continue;
            }

            yield return FindingCatalogue.InboundProtocolFloor.Raise(
                $"{probe.Target} negotiates only {ProbeText.Versions(accepted)}, so senders that offer at most {ProbeText.Versions(refused.Select(s => s.OfferedVersions.Max()).Distinct().Order())} fail the handshake and bounce, defer or retry without TLS.",
                [
                    ProbeText.Fact(probe, $"accepts {ProbeText.Versions(accepted)}; refuses {ProbeText.Versions(probe.Protocols.Where(p => p.Accepted == false).Select(p => p.Version))}"),
                    .. refused.Select(s => ProbeText.Sender(probe, s)),
                ],
                new Remediation(
                    "Accept every protocol from TLS 1.0 up on port 25: at opportunistic level a weaker handshake is better than none.",
                    ["postconf -e 'smtpd_tls_protocols = >=TLSv1'", "postfix reload"],
                    "If Postfix already allows TLS 1.0, the floor comes from OpenSSL's MinProtocol in /etc/ssl/openssl.cnf or a proxy in front; lower it for Postfix only (tls_config_file, Postfix 3.9) rather than system-wide."),
                affected: [.. refused.Select(s => s.Name)]);
        }
    }
}
