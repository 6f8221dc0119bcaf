using System.Net;
using MailTls.Core.Certificates;
using MailTls.Core.Postfix;
using MailTls.Core.Postfix.Outbound;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>
/// The served leaf does not name the MX host the probe reached (Postfix's <c>hostname</c> match,
/// what MTA-STS and DANE-TA senders check). The finding also says whether the mail domain
/// (<c>nexthop</c>) or a sub-domain of it (<c>dot-nexthop</c>) matches, which secure-policy
/// senders may use instead.
/// </summary>
public sealed class ServedCertificateNameCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes.Where(p => !IPAddress.TryParse(p.HostName, out _)))
        {
            foreach (var chain in probe.Chains.Where(c => c.Certificates.Count > 0))
            {
                var names = CertificateNames.Presented(chain.Certificates[0]);
                if (names.Any(n => PostfixNameMatcher.Matches(n, probe.HostName, PostfixVersion.Newest)))
                {
                    continue;
                }

                var shown = names.Count == 0 ? "no DNS name at all" : string.Join(", ", names);
                var domainNote = probe.Domain is { } domain
                    ? names.Any(n => PostfixNameMatcher.Matches(n, domain, PostfixVersion.Newest)) ? $" It does name the mail domain {domain} (match=nexthop)."
                        : names.Any(n => PostfixNameMatcher.Matches(n, "." + domain, PostfixVersion.Newest)) ? $" It names a host under {domain} (match=dot-nexthop)."
                        : $" Neither {domain} nor a name under it matches."
                    : string.Empty;
                yield return FindingCatalogue.CertNameMismatch.Raise(
                    $"{probe.Target} serves a {chain.KeyType} certificate naming {shown}, not {probe.HostName}; MTA-STS and verifying senders that reach it by that name refuse it.{domainNote}",
                    ServedChainCheck.Describe(probe, chain),
                    new Remediation(
                        $"Get a certificate whose subjectAltName includes {probe.HostName} and every other MX name pointing here.",
                        [$"certbot certonly -d {probe.HostName}   # or your CA's request", "postfix reload"]),
                    affected: [probe.Target]);
            }
        }
    }
}
