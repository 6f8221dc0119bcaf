using System.Net.Sockets;
using MailTls.Core.Dns;

namespace MailTls.Collectors.Dns;

public sealed partial class DnsCollector
{
    /// <summary>
    /// Finds the TLSA records of an MX host as RFC 7672 section 2.2 prescribes. The A lookup comes
    /// first; if it is not Secure, a DANE sender does not look for TLSA records (section 2.2.1). If
    /// the host is a CNAME and the whole expansion is Secure, TLSA records are looked up at the
    /// expanded name first, and at the original name only if the expanded one has none (section 2.2.2).
    /// </summary>
    /// <param name="host">The MX host name.</param>
    /// <param name="port">The TCP port, 25 for SMTP.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The lookups made and the TLSA answer a DANE sender would use.</returns>
    public async Task<DaneTlsaLookup> LookupDaneTlsaAsync(string host, int port = 25, CancellationToken cancellationToken = default)
    {
        var fqdn = Fqdn(host);
        var addresses = await QueryAddressesAsync(fqdn, AddressFamily.InterNetwork, cancellationToken);
        if (addresses.Records.Count == 0)
        {
            // No IPv4 address: the AAAA lookup decides instead (RFC 7672 section 2.2.1 treats both alike).
            var v6 = await QueryAddressesAsync(fqdn, AddressFamily.InterNetworkV6, cancellationToken);
            if (v6.Records.Count > 0 || !addresses.Succeeded)
            {
                addresses = v6;
            }
        }

        if (!addresses.Succeeded || addresses.Dnssec != DnssecStatus.Secure)
        {
            return new DaneTlsaLookup(fqdn, port, addresses, null, null);
        }

        if (addresses.CnameChain.Count > 0)
        {
            var expanded = addresses.CanonicalName;
            var atExpanded = await QueryTlsaAsync(expanded, port, cancellationToken);
            if (!atExpanded.Succeeded || atExpanded.Records.Count > 0)
            {
                return new DaneTlsaLookup(fqdn, port, addresses, expanded, atExpanded);
            }
        }

        return new DaneTlsaLookup(fqdn, port, addresses, fqdn, await QueryTlsaAsync(fqdn, port, cancellationToken));
    }
}
