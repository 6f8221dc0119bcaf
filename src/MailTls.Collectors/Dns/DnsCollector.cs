using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;
using CoreTlsaRecord = MailTls.Core.Dns.TlsaRecord;

namespace MailTls.Collectors.Dns;

/// <summary>
/// Asks a recursive resolver the questions a DANE (RFC 7672) or MTA-STS (RFC 8461) sender asks
/// (MX, A, AAAA, TXT, TLSA) and returns each answer with its DNSSEC status.
/// <para>
/// Library: DnsClient.NET. It is maintained, has no native dependencies, lets us name the
/// resolver's address and port (<c>--dns</c>, and loopback test resolvers on ephemeral ports),
/// sets the EDNS DO bit, exposes the response's AD bit and response code, parses TLSA records,
/// and does its own timeouts, retries and TCP fallback on truncation (RFC 7766 section 5).
/// ARSoft.Tools.Net can validate DNSSEC itself but is far larger than what we need.
/// </para>
/// <para>
/// DNSSEC status comes from the resolver, as in Postfix: the AD bit in a NOERROR or NXDOMAIN
/// response means Secure, its absence Insecure; a SERVFAIL that turns into an answer when asked
/// again with CD set is Bogus (see <see cref="CheckingDisabledProbe"/>). An AD bit is only worth
/// what the path from the resolver is worth (RFC 6698 section 4.1): by default it is believed only
/// from a resolver on a loopback address, and gives Indeterminate otherwise
/// (<see cref="DnsCollectorOptions.TrustAdBit"/>). mailtls does not validate signatures itself.
/// </para>
/// <para>
/// Diagnostics: nothing is thrown for DNS or network trouble. SERVFAIL, REFUSED, timeouts and
/// unreachable resolvers come back as a <see cref="DnsAnswer{T}"/> whose
/// <see cref="DnsAnswer{T}.Failure"/> says what happened; exceptions mean misuse (an empty name).
/// </para>
/// </summary>
public sealed partial class DnsCollector
{
    private readonly DnsCollectorOptions options;
    private readonly IReadOnlyList<IPEndPoint> servers;
    private readonly LookupClient? client;
    private readonly bool trustAdBit;

    /// <summary>Creates a collector; with no options, it asks the resolvers in <c>/etc/resolv.conf</c>.</summary>
    /// <param name="options">The resolver, timeouts and trust settings.</param>
    public DnsCollector(DnsCollectorOptions? options = null)
    {
        this.options = options ?? new DnsCollectorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.options.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(this.options.Retries);
        servers = this.options.Server is { } server ? [server] : ReadSystemResolvers();
        trustAdBit = this.options.TrustAdBit ?? (servers.Count > 0 && servers.All(s => IPAddress.IsLoopback(s.Address)));
        if (servers.Count > 0)
        {
            client = new LookupClient(new LookupClientOptions([.. servers.Select(s => new NameServer(s))])
            {
                AutoResolveNameServers = false,
                Timeout = this.options.Timeout,
                Retries = this.options.Retries,
                UseTcpFallback = true,
                RequestDnsSecRecords = true,
                ThrowDnsErrors = false,
                ContinueOnDnsError = false,
                ContinueOnEmptyResponse = false,
                UseCache = false,
                UseRandomNameServer = false,
                EnableAuditTrail = true,
            });
        }
    }

    /// <summary>The resolvers asked, as <c>address:port</c>, comma-separated.</summary>
    public string Servers => servers.Count > 0 ? string.Join(", ", servers) : "(none in /etc/resolv.conf)";

    /// <summary>Whether AD bits from these resolvers are believed.</summary>
    public bool TrustsAdBit => trustAdBit;

    /// <summary>The MX records of a domain (RFC 1035 section 3.3.9), unsorted, null MX included.</summary>
    /// <param name="domain">The mail domain.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The answer, or a failure.</returns>
    public Task<DnsAnswer<MxHost>> QueryMxAsync(string domain, CancellationToken cancellationToken = default) =>
        QueryAsync(domain, QueryType.MX, r => r is MxRecord mx ? new MxHost(mx.Preference, mx.Exchange.Value) : null, cancellationToken);

    /// <summary>The A or AAAA records of a host, following CNAMEs.</summary>
    /// <param name="host">The host name.</param>
    /// <param name="family">IPv4 for A, IPv6 for AAAA.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The answer, or a failure.</returns>
    public Task<DnsAnswer<IPAddress>> QueryAddressesAsync(string host, AddressFamily family, CancellationToken cancellationToken = default) =>
        family switch
        {
            AddressFamily.InterNetwork => QueryAsync(host, QueryType.A, r => (r as ARecord)?.Address, cancellationToken),
            AddressFamily.InterNetworkV6 => QueryAsync(host, QueryType.AAAA, r => (r as AaaaRecord)?.Address, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6 have address records"),
        };

    /// <summary>
    /// The TXT records at a name, each as the concatenation of its character-strings, which is how
    /// RFC 8461 section 3.1 (<c>_mta-sts</c>) and RFC 8460 section 3 (<c>_smtp._tls</c>) read them.
    /// </summary>
    /// <param name="name">The owner name, e.g. <c>_mta-sts.example.com</c>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The answer, or a failure.</returns>
    public Task<DnsAnswer<string>> QueryTxtAsync(string name, CancellationToken cancellationToken = default) =>
        QueryAsync(name, QueryType.TXT, r => r is TxtRecord txt ? string.Concat(txt.Text) : null, cancellationToken);

    /// <summary>
    /// The TLSA RRset of a service at <c>_port._tcp.host</c> (RFC 6698 section 3), following
    /// CNAMEs as RFC 7671 section 7 requires; the answer is Secure only if every link is.
    /// </summary>
    /// <param name="host">The server's host name (the TLSA base domain).</param>
    /// <param name="port">The TCP port, 25 for SMTP between MTAs.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The answer, or a failure.</returns>
    public Task<DnsAnswer<CoreTlsaRecord>> QueryTlsaAsync(string host, int port = 25, CancellationToken cancellationToken = default) =>
        QueryAsync(CoreTlsaRecord.OwnerName(host, port), QueryType.TLSA, ToTlsa, cancellationToken);

    private static CoreTlsaRecord? ToTlsa(DnsResourceRecord record) => record is DnsClient.Protocol.TlsaRecord tlsa
        ? new CoreTlsaRecord(
            (MailTls.Core.Dns.TlsaCertificateUsage)(byte)tlsa.CertificateUsage,
            (MailTls.Core.Dns.TlsaSelector)(byte)tlsa.Selector,
            (MailTls.Core.Dns.TlsaMatchingType)(byte)tlsa.MatchingType,
            tlsa.CertificateAssociationData.ToArray())
        : null;

    private static IReadOnlyList<IPEndPoint> ReadSystemResolvers()
    {
        try
        {
            // No fallback to public resolvers: asking Google behind the admin's back would describe
            // a different DNS view from the one the MTA has.
            return [.. NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false)
                .Select(ns => new IPEndPoint(IPAddress.Parse(ns.Address), ns.Port))];
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    private static string Fqdn(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name.EndsWith('.') ? name : name + ".";
    }

    private static ushort TypeCode(QueryType type) => (ushort)type;

    private static string Describe(IPEndPoint endpoint) => endpoint.ToString();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
