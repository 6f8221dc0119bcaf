using System.Diagnostics;
using MailTls.Core.Evidence;
using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/*
 * NAME
 *   TlsProbeEngine - what one SMTP server accepts in TLS, with as few connections as it allows.
 *
 * SUMMARY
 *   For each protocol version (SSLv3..TLS 1.3) the engine offers that version alone with every
 *   registry suite, in bundles of at most MaxSuitesPerHello, and removes each suite the server
 *   picks until it refuses the rest ("iterative removal"). The order of picks is the server's
 *   preference when it has one; a reversed hello tells server from client order, and when the
 *   accepted suites came from several bundles their chains are merged by offering only their heads.
 *   A tail check (one accepted suite behind refused ones) catches servers that ignore suites past
 *   a list position, and the version is then redone with smaller bundles. Compression, secure
 *   renegotiation, session ids, tickets and the certificate of each key type come from the same
 *   answers at no extra cost. Then: groups by removal, one downgraded hello with TLS_FALLBACK_SCSV,
 *   one full OpenSSL handshake (TLS 1.3 chain, trust), and a replay of every real sender's hello.
 *
 * DIAGNOSTICS
 *   Operational trouble (timeouts, resets, unreadable answers) becomes a ProbeFailure in the result
 *   and an unknown (null) verdict, never an exception and never a guessed "refused".
 */

/// <summary>
/// Probes one server address and port: SMTP up to STARTTLS, then raw ClientHellos built by
/// mailtls (no OpenSSL involved, so SSLv3 and TLS 1.0 are visible even where the local library
/// cannot speak them), plus one full handshake through the system library. Reusable by any
/// command; results are plain evidence records.
/// </summary>
public sealed partial class TlsProbeEngine
{
    private readonly TimeProvider _time;

    /// <summary>Creates an engine.</summary>
    /// <param name="options">Deadlines, limits and what to test; defaults when null.</param>
    /// <param name="time">The clock (politeness delay, verification time).</param>
    public TlsProbeEngine(TlsProbeOptions? options = null, TimeProvider? time = null)
    {
        Options = options ?? new TlsProbeOptions();
        Options.Validate();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The options in use.</summary>
    public TlsProbeOptions Options { get; }

    /// <summary>Runs the whole probe against one endpoint. Never throws for network or peer trouble.</summary>
    /// <param name="endpoint">The server.</param>
    /// <param name="progress">Receives one line per step, for a progress display.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The evidence.</returns>
    public async Task<TlsProbeResult> ProbeAsync(ProbeEndpoint endpoint, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var clock = Stopwatch.StartNew();
        using var gate = new ConnectionGate(Options.MaxParallel, Options.Delay, _time);
        var run = new ProbeRun(endpoint, gate, progress);

        // One hello first, alone: a server that offers no STARTTLS or turns us away costs one connection, not dozens.
        var firstVersion = Options.Versions.Contains(TlsProtocolVersion.Tls12) ? TlsProtocolVersion.Tls12 : Options.Versions[^1];
        var firstSuites = Bundle(SuiteCandidates.For(firstVersion), 0, Options.MaxSuitesPerHello);
        progress?.Report($"{endpoint.Target}: connecting");
        var first = await SendAsync(run, firstVersion, firstSuites, cancellationToken);
        var smtp = first.Smtp;
        if (first.Kind == HelloOutcomeKind.NotSent)
        {
            return new TlsProbeResult
            {
                Target = endpoint.Target,
                HostName = endpoint.HostName,
                Domain = endpoint.Domain,
                Port = endpoint.Port,
                ImplicitTls = endpoint.ImplicitTls,
                Smtp = smtp,
                Protocols = [.. Options.Versions.Select(v => new ProtocolSupport { Version = v, Detail = first.Detail })],
                Counts = Counts(gate, clock),
            };
        }

        var sslV2 = Options.TestSslV2 ? SslV2Async(run, cancellationToken) : null;
        var versions = await Task.WhenAll(Options.Versions.Select(v =>
            EnumerateVersionAsync(run, v, v == firstVersion ? first : null, Options.MaxSuitesPerHello, cancellationToken)));
        var protocols = versions.Concat(sslV2 is null ? [] : [await sslV2]).OrderBy(p => p.Version).ToList();

        var groups = GroupsAsync(run, protocols, cancellationToken);
        var fallback = FallbackScsvAsync(run, protocols, cancellationToken);
        var senders = Options.SimulateSenders ? SimulateSendersAsync(run, cancellationToken) : Task.FromResult<IReadOnlyList<SenderOutcome>>([]);
        var full = Options.FullHandshake ? FullHandshakeExchange.RunAsync(endpoint, Options, gate, cancellationToken) : Task.FromResult<FullHandshakeExchange.Result?>(null)!;
        await Task.WhenAll(groups, fallback, senders, full);
        var fullResult = await full;
        if (fullResult?.Failure is { } fullFailure)
        {
            run.Fail(fullFailure);
        }

        var (groupList, groupVersion) = await groups;
        return new TlsProbeResult
        {
            Target = endpoint.Target,
            HostName = endpoint.HostName,
            Domain = endpoint.Domain,
            Port = endpoint.Port,
            ImplicitTls = endpoint.ImplicitTls,
            Smtp = smtp,
            Protocols = protocols,
            Groups = groupList,
            GroupsTestedWith = groupVersion,
            CompressionAccepted = run.CompressionAccepted,
            SecureRenegotiation = run.SecureRenegotiation,
            FallbackScsvHonoured = await fallback,
            SessionIdResumption = run.SessionIds,
            SessionTickets = run.SessionTickets,
            FullHandshake = fullResult?.Negotiated,
            Chains = run.Chains(fullResult, Options.TrustAnchors, _time.GetUtcNow()),
            Senders = await senders,
            Failures = run.Failures,
            Counts = Counts(gate, clock),
        };
    }

    /// <summary>
    /// Sends one ClientHello the caller built (a replayed profile, a hostile test) on a fresh
    /// connection to <paramref name="endpoint"/> and reads the answer. Counts nothing beyond this call.
    /// </summary>
    /// <param name="endpoint">The server.</param>
    /// <param name="hello">The hello record(s).</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The server's answer.</returns>
    public async Task<HelloOutcome> SendHelloAsync(ProbeEndpoint endpoint, byte[] hello, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(hello);
        using var gate = new ConnectionGate(1, TimeSpan.Zero, _time);
        return await RawHelloExchange.RunAsync(endpoint, Options, gate, hello, cancellationToken);
    }

    private static ProbeCounts Counts(ConnectionGate gate, Stopwatch clock) =>
        new(gate.Connections, gate.RawHellos, gate.FullHandshakes, clock.Elapsed);

    private static List<ushort> Bundle(IReadOnlyList<CipherSuiteInfo> suites, int index, int size) =>
        [.. suites.Skip(index * size).Take(size).Select(s => s.Code)];

    /// <summary>A ClientHello that offers <paramref name="version"/> alone with <paramref name="suites"/>.</summary>
    private ClientHelloOptions HelloFor(TlsProtocolVersion version, IReadOnlyList<ushort> suites) =>
        ClientHelloOptions.For(version, suites) with
        {
            ServerName = Options.ServerName,
            // TLS 1.2 and older: DEFLATE is offered so that CRIME-prone servers show themselves at no extra cost.
            OfferDeflate = version < TlsProtocolVersion.Tls13,
            // OpenSSL pads to 512 bytes too: some middleboxes hang on hellos of 256..511 bytes (RFC 7685 section 1).
            PadToLength = version == TlsProtocolVersion.Ssl3 ? 0 : 512,
        };

    private Task<HelloOutcome> SendAsync(ProbeRun run, TlsProtocolVersion version, IReadOnlyList<ushort> suites, CancellationToken cancellationToken) =>
        SendAsync(run, HelloFor(version, suites), cancellationToken);

    private async Task<HelloOutcome> SendAsync(ProbeRun run, ClientHelloOptions hello, CancellationToken cancellationToken)
    {
        var outcome = await RawHelloExchange.RunAsync(run.Endpoint, Options, run.Gate, ClientHelloBuilder.BuildRecord(hello), cancellationToken);
        run.Observe(outcome);
        return outcome;
    }
}
