using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix.Outbound;

/// <summary>Where smtp(8) sends mail for a recipient domain, and why.</summary>
/// <param name="Destination">The recipient domain asked about.</param>
/// <param name="Dest">The next-hop destination verbatim (the policy table key): <c>fastmail.fm</c>, <c>[relay.example]:587</c>.</param>
/// <param name="Domain">The next-hop name without brackets and port: the "nexthop" of certificate matching.</param>
/// <param name="MxLookup">False when brackets suppress the MX lookup.</param>
/// <param name="Origin">What chose it: the recipient domain, relayhost, or a transport table entry.</param>
/// <param name="Location">The line that chose it, when a configuration line did.</param>
/// <param name="Transport">The master.cf transport that delivers (the transport table's, else default_transport's).</param>
public sealed record NextHop(string Destination, string Dest, string Domain, bool MxLookup, string Origin, SourceLocation? Location, string Transport = "smtp")
{
    /// <summary>
    /// The master.cf service of <see cref="Transport"/>: its <c>-o</c> overrides change the TLS
    /// settings smtp(8) uses for this next hop.
    /// </summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The service, or null when master.cf is unknown or has no such unix service.</returns>
    public MasterService? Service(PostfixConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Master?.Services.FirstOrDefault(s => s.Name == Transport && s.Type == "unix");
    }

    /// <summary>The port written after the name (<c>[host]:port</c>, <c>domain:port</c>), if any.</summary>
    public int? ExplicitPort
    {
        get
        {
            var colon = Dest.LastIndexOf(':');
            var close = Dest.LastIndexOf(']');
            return colon > close && int.TryParse(Dest.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                ? port
                : null;
        }
    }

    /// <summary>
    /// The port smtp(8) connects to: the one written after the name, else smtp_tcp_port (Postfix
    /// 3.2+; a number, or the service name "smtp" for 25), else 25.
    /// </summary>
    /// <param name="config">The configuration (the transport's -o overrides apply).</param>
    /// <returns>The TCP port.</returns>
    public int PortFor(PostfixConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (ExplicitPort is { } port)
        {
            return port;
        }

        var value = config.Resolve("smtp_tcp_port", Service(config)).Value.Trim();
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var configured) && configured is > 0 and < 65536
            ? configured
            : 25;
    }

    /// <summary>Works out the next hop from transport tables and relayhost (trivial-rewrite's order).</summary>
    /// <param name="destination">The recipient domain.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="transportTables">The tables named by transport_maps, in order.</param>
    /// <returns>The next hop.</returns>
    public static NextHop For(string destination, PostfixConfiguration config, IReadOnlyList<LookupTable> transportTables)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(transportTables);
        var domain = destination.Trim().TrimEnd('.').ToLowerInvariant();
        foreach (var key in TransportKeys(domain))
        {
            foreach (var table in transportTables)
            {
                if (table.Find(key) is not { } entry)
                {
                    continue;
                }

                var colon = entry.Value.IndexOf(':', StringComparison.Ordinal);
                var nexthop = colon < 0 ? string.Empty : entry.Value[(colon + 1)..].Trim();
                var transport = colon < 0 ? entry.Value.Trim() : entry.Value[..colon].Trim();
                var dest = nexthop.Length == 0 ? domain : nexthop;
                return Make(domain, dest, $"transport table {table.Name}: {entry.Text}", entry.Location) with
                {
                    Transport = transport.Length == 0 ? DefaultTransport(config) : transport,
                };
            }
        }

        var relayhost = config.Resolve("relayhost");
        var hop = relayhost.Value.Trim().Length > 0
            ? Make(domain, relayhost.Value.Trim(), $"relayhost = {relayhost.RawValue}", relayhost.Location)
            : Make(domain, domain, "the recipient domain (no transport entry, no relayhost)", null);
        return hop with { Transport = DefaultTransport(config) };
    }

    /// <summary>default_transport, without a "transport:nexthop" suffix.</summary>
    private static string DefaultTransport(PostfixConfiguration config)
    {
        var value = config.Resolve("default_transport").Value.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? value : value[..colon];
        return name.Length == 0 ? "smtp" : name;
    }

    /// <summary>transport(5): the domain itself, then each parent as ".parent" (without parent_domain_matches_subdomains).</summary>
    private static IEnumerable<string> TransportKeys(string domain)
    {
        yield return domain;
        for (var dot = domain.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = domain.IndexOf('.', dot + 1))
        {
            yield return domain[dot..];
        }
    }

    private static NextHop Make(string destination, string dest, string origin, SourceLocation? location)
    {
        // smtp_parse_destination(): "[host]:port" and "host:port" lose brackets and port; brackets suppress MX.
        var bracketed = dest.StartsWith('[');
        var host = dest;
        if (bracketed)
        {
            var close = dest.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? dest[1..close] : dest.TrimStart('[');
        }
        else if (dest.LastIndexOf(':') is var colon and > 0)
        {
            host = dest[..colon];
        }

        return new NextHop(destination, dest, host.ToLowerInvariant(), !bracketed, origin, location);
    }
}
