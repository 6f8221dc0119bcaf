namespace MailTls.Core.Postfix.Outbound;

/// <summary>What smtp(8) concludes for one server of the next hop, in Postfix's own words.</summary>
public sealed record HostVerdict
{
    /// <summary>The server name (MX exchange or bracketed host).</summary>
    public required string Host { get; init; }

    /// <summary>The names the certificate must match, expanded from the match list (".x" means any sub-domain of x).</summary>
    public IReadOnlyList<string> RequiredNames { get; init; } = [];

    /// <summary>The names the certificate presents (DNS SANs, or the CN when there are none).</summary>
    public IReadOnlyList<string> PresentedNames { get; init; } = [];

    /// <summary>Whether the chain verified against the configured CAs.</summary>
    public bool ChainTrusted { get; init; }

    /// <summary>The presented name that satisfied a required one, if any.</summary>
    public string? MatchedName { get; init; }

    /// <summary>The log label: Anonymous, Untrusted, Trusted or Verified; null when no certificate was given.</summary>
    public string? Label { get; init; }

    /// <summary>The deferral reason smtp(8) logs, e.g. "Server certificate not verified"; null when mail is delivered.</summary>
    public string? Deferral { get; init; }

    /// <summary>The DSN code of the deferral.</summary>
    public string? Dsn { get; init; }

    /// <summary>The certificate's key type (RSA, ECDSA, ...), which decides the TLS 1.2 suites the server can use.</summary>
    public string? KeyType { get; init; }

    /// <summary>
    /// The protocol a live handshake negotiated while offering TLS 1.0 to 1.3: the server's best.
    /// Null when the certificate came from a file.
    /// </summary>
    public PostfixProtocol? Protocol { get; init; }
}
