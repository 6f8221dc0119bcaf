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
 *   one TLS 1.3 hello per key type (ECDSA, RSA) whose encrypted chain mailtls decrypts itself, one
 *   full OpenSSL handshake (trust, a session), every real sender's hello (its answer predicted
 *   from the facts above where they settle it, else sent), and the session resumption test (ResumptionExchange: two to six connections).
 *
 * DIAGNOSTICS
 *   Operational trouble (timeouts, resets, unreadable answers) becomes a ProbeFailure in the result
 *   and an unknown (null) verdict, never an exception and never a guessed "refused". A server
 *   whose first two hellos (TLS 1.2, then the highest other version) both time out or get no
 *   readable TLS flight is not enumerated further: a few connections and two handshake deadlines.
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
        // What every return below shares; Counts is read again when the probe ends.
        var basis = new TlsProbeResult
        {
            Target = endpoint.Target,
            HostName = endpoint.HostName,
            Domain = endpoint.Domain,
            Port = endpoint.Port,
            ServerName = Options.ServerName,
            ImplicitTls = endpoint.ImplicitTls,
            Smtp = first.Smtp,
            Counts = Counts(gate, clock),
        };
        if (first.Kind == HelloOutcomeKind.NotSent)
        {
            return basis with
            {
                Protocols = [.. Options.Versions.Select(v => new ProtocolSupport { Version = v, Detail = first.Detail })],
            };
        }

        var sslV2 = Options.TestSslV2 ? SslV2Async(run, cancellationToken) : null;
        var answers = new Dictionary<TlsProtocolVersion, HelloOutcome> { [firstVersion] = first };
        if (first.Kind is HelloOutcomeKind.Timeout or HelloOutcomeKind.Invalid
            && await ConfirmNoTlsAsync(run, firstVersion, first, answers, cancellationToken) is { } noTls)
        {
            // Every further hello would wait out the same deadline or read the same non-TLS bytes: stop here.
            var notEnumerated = Options.Versions.Select(v => new ProtocolSupport { Version = v, Detail = noTls });
            return basis with
            {
                Protocols = [.. notEnumerated.Concat(sslV2 is null ? [] : [await sslV2]).OrderBy(p => p.Version)],
                Failures = run.Failures,
                Counts = Counts(gate, clock),
            };
        }

        // The senders' hellos are built and parsed on another thread while the enumeration waits on the network.
        var senderHellos = Options.SimulateSenders ? Task.Run(PrepareSenders, cancellationToken) : Task.FromResult<IReadOnlyList<PreparedSender>>([]);
        var versions = await Task.WhenAll(Options.Versions.Select(v =>
            EnumerateVersionAsync(run, v, answers.GetValueOrDefault(v), Options.MaxSuitesPerHello, cancellationToken)));
        var protocols = versions.Concat(sslV2 is null ? [] : [await sslV2]).OrderBy(p => p.Version).ToList();

        var groups = GroupsAsync(run, protocols, cancellationToken);
        var fallback = FallbackScsvAsync(run, protocols, cancellationToken);
        var senders = Options.SimulateSenders ? SimulateSendersAsync(run, protocols, groups, senderHellos, cancellationToken) : Task.FromResult<IReadOnlyList<SenderOutcome>>([]);
        var full = Options.FullHandshake ? FullHandshakeExchange.RunAsync(endpoint, Options, gate, cancellationToken) : Task.FromResult<FullHandshakeExchange.Result?>(null)!;
        var tls13Chains = Tls13ChainsAsync(run, protocols, cancellationToken);
        var resumption = Options.TestResumption ? ResumptionExchange.RunAsync(endpoint, Options, gate, protocols, run.SessionTickets == true && run.SessionIds == false, cancellationToken) : Task.FromResult<ResumptionSupport?>(null)!;
        await Task.WhenAll(groups, fallback, senders, full, tls13Chains, resumption);
        var fullResult = await full;
        if (fullResult?.Failure is { } fullFailure)
        {
            run.Fail(fullFailure);
        }

        var (groupList, groupVersion, _) = await groups;
        return basis with
        {
            Protocols = protocols,
            Groups = groupList,
            GroupsTestedWith = groupVersion,
            CompressionAccepted = run.CompressionAccepted,
            SecureRenegotiation = run.SecureRenegotiation,
            FallbackScsvHonoured = await fallback,
            SessionIdResumption = run.SessionIds,
            SessionTickets = run.SessionTickets,
            Resumption = await resumption,
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

    /// <summary>
    /// After a first hello that timed out or was answered with something that is not a TLS flight,
    /// one hello of the highest other version tells a server that cannot do TLS at all (a stall,
    /// plaintext, noise) from one that fails only this version (a certificate too large to read in
    /// TLS 1.2 that TLS 1.3 encrypts). Returns why the enumeration stops, or null to go on; a usable
    /// answer is kept in <paramref name="answers"/> so the enumeration does not ask again.
    /// </summary>
    private async Task<string?> ConfirmNoTlsAsync(
        ProbeRun run, TlsProtocolVersion firstVersion, HelloOutcome first, Dictionary<TlsProtocolVersion, HelloOutcome> answers, CancellationToken cancellationToken)
    {
        var others = Options.Versions.Where(v => v != firstVersion).ToList();
        var details = $"{TlsProtocolNames.Of(firstVersion)}: {first.Detail}";
        var timeouts = first.Kind == HelloOutcomeKind.Timeout;
        if (others.Count > 0)
        {
            var version = others.Max();
            run.Report($"{TlsProtocolNames.Of(version)}: is TLS spoken at all?");
            var hello = HelloFor(version, Bundle(SuiteCandidates.For(version), 0, Options.MaxSuitesPerHello));
            var second = await RawHelloExchange.RunAsync(run.Endpoint, Options, run.Gate, ClientHelloBuilder.BuildRecord(hello), cancellationToken);
            if (second.Kind is not (HelloOutcomeKind.Timeout or HelloOutcomeKind.Invalid))
            {
                run.Observe(second);
                answers[version] = second;
                return null;
            }

            details += $"; {TlsProtocolNames.Of(version)}: {second.Detail}";
            timeouts &= second.Kind == HelloOutcomeKind.Timeout;
        }

        var hellos = others.Count > 0 ? 2 : 1;
        var reason = timeouts
            ? $"the server accepted STARTTLS but completes no TLS answer in time ({details}): it stalls the handshake; not enumerated after {hellos} hello(s)"
            : $"the server accepted STARTTLS but answers with no readable TLS flight ({details}): it does not speak TLS on this port, or sends more than mailtls reads; not enumerated after {hellos} hello(s)";
        run.Fail(reason, timeouts ? FailureReason.Timeout : FailureReason.InvalidData);
        return $"unknown: {reason}";
    }

    private static ProbeCounts Counts(ConnectionGate gate, Stopwatch clock) =>
        new(gate.Connections, gate.RawHellos, gate.FullHandshakes, clock.Elapsed, gate.ResumptionConnections);

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
