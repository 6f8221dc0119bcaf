using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>
/// In the highest TLS 1.2-or-older version, no accepted suite is forward secret, or the server's
/// own order puts a static key exchange first. (TLS 1.3 is always forward secret.)
/// </summary>
public sealed class NoForwardSecrecyCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes)
        {
            var highest = probe.Protocols.Where(p => p.Accepted == true && p.Version < TlsProtocolVersion.Tls13 && p.Suites.Count > 0).MaxBy(p => p.Version);
            if (highest is null)
            {
                continue;
            }

            var first = highest.Suites[0].Suite;
            string cause;
            if (!highest.Suites.Any(s => s.Suite.HasForwardSecrecy))
            {
                cause = $"{probe.Target} accepts no forward-secret suite with {TlsProtocolNames.Of(highest.Version)}: every such session can be decrypted later with the server's private key.";
            }
            else if (highest.Order == SuiteOrder.Server && !first.HasForwardSecrecy)
            {
                cause = $"{probe.Target} prefers {first.DisplayName} (no forward secrecy) with {TlsProtocolNames.Of(highest.Version)}, so senders that offer ECDHE still get a static key exchange.";
            }
            else
            {
                continue;
            }

            yield return FindingCatalogue.NoForwardSecrecy.Raise(
                cause,
                [ProbeText.Fact(probe, $"{TlsProtocolNames.Of(highest.Version)} in {highest.Order.ToString().ToLowerInvariant()} order: {string.Join(", ", highest.Suites.Select(s => s.Suite.DisplayName))}")],
                new Remediation(
                    "Let ECDHE come first: default grade, automatic curves, no hand-made order that puts RSA key exchange first.",
                    ["postconf -e 'smtpd_tls_eecdh_grade = auto'", "postconf -# tls_medium_cipherlist", "postfix reload"]),
                affected: [probe.Target]);
        }
    }
}
