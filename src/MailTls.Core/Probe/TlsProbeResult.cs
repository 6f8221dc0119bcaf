using MailTls.Core.Evidence;
using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>
/// Everything one probe of one server address and port found: the SMTP conversation, the protocol
/// versions and suites accepted, key exchange facts, the certificate chains, what each real sender
/// would negotiate, and the cost in connections. Unknown facts stay null rather than guessed.
/// </summary>
public sealed record TlsProbeResult
{
    /// <summary>The server as <c>host[address]:port</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The name the server was reached by (the MX host name, or the address when given one).</summary>
    public required string HostName { get; init; }

    /// <summary>The mail domain whose MX led here, when the target was a domain.</summary>
    public string? Domain { get; init; }

    /// <summary>The TCP port.</summary>
    public required int Port { get; init; }

    /// <summary>The name sent as SNI (server_name) in every hello; null when none was sent, as Postfix does by default.</summary>
    public string? ServerName { get; init; }

    /// <summary>TLS on connect (port 465) rather than STARTTLS.</summary>
    public bool ImplicitTls { get; init; }

    /// <summary>The SMTP conversation of the first connection (null for implicit TLS).</summary>
    public SmtpEvidence? Smtp { get; init; }

    /// <summary>True when TLS could be tested at all (STARTTLS offered or implicit TLS connected).</summary>
    public bool TlsTested => Protocols.Any(p => p.Accepted is not null);

    /// <summary>One entry per protocol version tested, oldest first.</summary>
    public IReadOnlyList<ProtocolSupport> Protocols { get; init; } = [];

    /// <summary>Key exchange groups the server accepts, in its order of preference when it has one.</summary>
    public IReadOnlyList<TlsNamedGroup> Groups { get; init; } = [];

    /// <summary>The version the group test used (TLS 1.3 key shares, or TLS 1.2 ECDHE).</summary>
    public TlsProtocolVersion? GroupsTestedWith { get; init; }

    /// <summary>The smallest DHE prime the server used, in bits; null when no DHE suite was accepted.</summary>
    public int? SmallestDhPrimeBits => Protocols.SelectMany(p => p.Suites).Select(s => s.DhPrimeBits).Where(b => b is > 0).Min();

    /// <summary>True when the server chose DEFLATE compression (CRIME); null when not tested.</summary>
    public bool? CompressionAccepted { get; init; }

    /// <summary>True when the server signals secure renegotiation (RFC 5746); null when not tested.</summary>
    public bool? SecureRenegotiation { get; init; }

    /// <summary>
    /// True when the server answers a downgraded hello carrying TLS_FALLBACK_SCSV with inappropriate_fallback
    /// (RFC 7507); false when it accepts it; null when not testable (a single version).
    /// </summary>
    public bool? FallbackScsvHonoured { get; init; }

    /// <summary>True when the server hands out session ids in its TLS 1.2-and-older ServerHellos (offered, not yet proven; see <see cref="Resumption"/>).</summary>
    public bool? SessionIdResumption { get; init; }

    /// <summary>True when the server answers the session_ticket extension (RFC 5077 tickets offered, not yet proven; see <see cref="Resumption"/>).</summary>
    public bool? SessionTickets { get; init; }

    /// <summary>Whether a second connection really resumes the first one's session, per mechanism; null when the test was not run.</summary>
    public ResumptionSupport? Resumption { get; init; }

    /// <summary>The version and suite the system TLS library (OpenSSL) negotiated in a full handshake, e.g. "Tls13 TLS_AES_256_GCM_SHA384".</summary>
    public string? FullHandshake { get; init; }

    /// <summary>The certificate chains served, one per key type found.</summary>
    public IReadOnlyList<ServedChain> Chains { get; init; } = [];

    /// <summary>What each sender profile negotiated.</summary>
    public IReadOnlyList<SenderOutcome> Senders { get; init; } = [];

    /// <summary>Steps that failed (a timeout, a reset), so the report says what it could not see.</summary>
    public IReadOnlyList<ProbeFailure> Failures { get; init; } = [];

    /// <summary>The cost of the probe.</summary>
    public required ProbeCounts Counts { get; init; }

    /// <summary>The accepted protocol versions, oldest first.</summary>
    public IReadOnlyList<TlsProtocolVersion> AcceptedVersions => [.. Protocols.Where(p => p.Accepted == true).Select(p => p.Version)];
}
