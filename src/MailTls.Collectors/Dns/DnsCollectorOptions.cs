using System.Net;

namespace MailTls.Collectors.Dns;

/// <summary>Where and how <see cref="DnsCollector"/> asks its questions.</summary>
public sealed record DnsCollectorOptions
{
    /// <summary>
    /// The resolver to ask (<c>--dns SERVER[:PORT]</c>), or null for the name servers in
    /// <c>/etc/resolv.conf</c>, which is what the MTA on this host uses.
    /// </summary>
    public IPEndPoint? Server { get; init; }

    /// <summary>How long to wait for one response before retrying.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many times to resend an unanswered query.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>
    /// Whether to believe the resolver's AD bit. Null (the default) believes it only when every
    /// resolver is on a loopback address: RFC 4035 section 4.9.3 and RFC 6698 section 4.1 note that
    /// the AD bit is only as trustworthy as the path from the resolver, and Postfix's DANE support
    /// assumes a local validating resolver for the same reason. An untrusted AD bit gives
    /// <see cref="Core.Dns.DnssecStatus.Indeterminate"/>.
    /// </summary>
    public bool? TrustAdBit { get; init; }
}
