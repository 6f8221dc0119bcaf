using System.Security.Cryptography.X509Certificates;
using MailTls.Core;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// <summary>How a <see cref="TlsProbeEngine"/> talks to servers: deadlines, limits, politeness and what to test.</summary>
public sealed record TlsProbeOptions
{
    /// <summary>The name sent in EHLO (RFC 5321 section 4.1.1.1: the client's own name).</summary>
    public string EhloName { get; init; } = Environment.MachineName;

    /// <summary>Deadline for the TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline for each SMTP reply (the greeting included).</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline for the server's whole answer to a ClientHello, or for a full handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most connections open at once to one server.</summary>
    public int MaxParallel { get; init; } = 2;

    /// <summary>Pause between the starts of two connections to the same server (politeness).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Most suites in one ClientHello. Some servers ignore suites past a position in the list
    /// (older load balancers read only the first 64 or 128), so suites are tested in bundles.
    /// </summary>
    public int MaxSuitesPerHello { get; init; } = 64;

    /// <summary>Most bytes read in answer to one ClientHello (a big chain is the largest honest answer).</summary>
    public int MaxFlightBytes { get; init; } = 512 * 1024;

    /// <summary>Limits for the SMTP reply and TLS parsers.</summary>
    public ParserLimits Limits { get; init; } = ParserLimits.Default;

    /// <summary>The protocol versions tested with raw hellos, oldest first.</summary>
    public IReadOnlyList<TlsProtocolVersion> Versions { get; init; } =
        [TlsProtocolVersion.Ssl3, TlsProtocolVersion.Tls10, TlsProtocolVersion.Tls11, TlsProtocolVersion.Tls12, TlsProtocolVersion.Tls13];

    /// <summary>Also send one SSL 2.0 CLIENT-HELLO (a server that answers it is open to DROWN).</summary>
    public bool TestSslV2 { get; init; } = true;

    /// <summary>Trust anchors for chain verification; null uses the system trust store.</summary>
    public IReadOnlyCollection<X509Certificate2>? TrustAnchors { get; init; }

    /// <summary>Send the real senders' ClientHellos, recorded or synthesised from published facts (one connection each).</summary>
    public bool SimulateSenders { get; init; } = true;

    /// <summary>
    /// Send every sender's hello. When false (the default), a hello whose answer follows with
    /// certainty from the enumerated facts (<see cref="MailTls.Core.Probe.SenderOutcomePredictor"/>)
    /// is predicted instead of sent, saving one connection each; the rest are sent.
    /// </summary>
    public bool ReplayAllSenders { get; init; }

    /// <summary>Make a full handshake through the system TLS library for the TLS 1.3 chain and a trust verdict.</summary>
    public bool FullHandshake { get; init; } = true;

    /// <summary>Test whether a second connection resumes the session of a first one (session id, ticket, TLS 1.3 PSK; two to six connections).</summary>
    public bool TestResumption { get; init; } = true;

    /// <summary>The SNI to send; null sends none, as Postfix does by default.</summary>
    public string? ServerName { get; init; }

    /// <summary>
    /// The local address connections come from, when it matters: doctor probes its own server from
    /// a marker address so it can tell its probes' log lines from real senders'. Null lets the
    /// system choose.
    /// </summary>
    public System.Net.IPAddress? SourceAddress { get; init; }

    /// <summary>Throws when a value is out of range (a programming error; the CLI validates user input first).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParallel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSuitesPerHello, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFlightBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(Delay, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrWhiteSpace(EhloName);
    }
}
