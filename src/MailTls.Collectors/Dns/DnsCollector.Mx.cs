using System.Net;
using System.Net.Sockets;
using MailTls.Core.Dns;

namespace MailTls.Collectors.Dns;

public sealed partial class DnsCollector
{
    /// <summary>
    /// The mail hosts of a domain as a sender finds them: MX records by preference; a null MX
    /// (RFC 7505 section 3) means the domain takes no mail; with no MX records at all, the domain's
    /// own address records make it its own mail host (RFC 5321 section 5.1, "implicit MX").
    /// </summary>
    /// <param name="domain">The mail domain.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The hosts and how they were found; never throws for DNS trouble.</returns>
    public async Task<MxResolution> ResolveMailHostsAsync(string domain, CancellationToken cancellationToken = default)
    {
        var fqdn = Fqdn(domain);
        var mx = await QueryMxAsync(fqdn, cancellationToken);
        if (!mx.Succeeded)
        {
            return new MxResolution(fqdn, MxResolutionKind.Failed, [], mx, []);
        }

        if (mx.Status == DnsResponseStatus.NxDomain)
        {
            return new MxResolution(fqdn, MxResolutionKind.NoMailHost, [], mx, []);
        }

        if (mx.Records.Count > 0)
        {
            // RFC 7505 section 3: a null MX must be the only MX record; if other records stand
            // beside it, senders use those, so only an all-null set means "no mail".
            var hosts = mx.Records.Where(h => !h.IsNullMx).OrderBy(h => h.Preference).ToList();
            return hosts.Count == 0
                ? new MxResolution(fqdn, MxResolutionKind.NullMx, [], mx, [])
                : new MxResolution(fqdn, MxResolutionKind.Mx, hosts, mx, []);
        }

        var v4 = QueryAddressesAsync(fqdn, AddressFamily.InterNetwork, cancellationToken);
        var v6 = QueryAddressesAsync(fqdn, AddressFamily.InterNetworkV6, cancellationToken);
        DnsAnswer<IPAddress>[] addresses = [await v4, await v6];
        if (addresses.Any(a => a.Records.Count > 0))
        {
            return new MxResolution(fqdn, MxResolutionKind.ImplicitMx, [new MxHost(0, fqdn)], mx, addresses);
        }

        var kind = addresses.All(a => a.Succeeded) ? MxResolutionKind.NoMailHost : MxResolutionKind.Failed;
        return new MxResolution(fqdn, kind, [], mx, addresses);
    }
}
