using System.Diagnostics;
using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// The probe engine against every hostile server: one raw hello gets an outcome that names what
/// the server did, and a whole probe ends, bounded in time, connections and allocation, with the
/// SMTP verdict or the failures that explain it. Servers that turn the client away before TLS cost
/// exactly one connection; servers that stall or do not answer in TLS after STARTTLS cost a few
/// connections and a few handshake deadlines, not a full enumeration.
/// </summary>
[Collection(HostileServersCollectionDefinition.Name)]
public sealed class ProbeEngineHostileTests(HostileMaterial material) : IClassFixture<HostileMaterial>
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(0.75);
    private const long AllocationBound = 64L << 20;
    private const int MaxConnections = 64;

    // A server with no usable TLS answer: the baseline hello, one hello of another version, SSLv2.
    private const int MaxConnectionsWithoutTls = 3;

    private static readonly TlsProbeOptions Options = new()
    {
        ConnectTimeout = ReplyTimeout,
        ReplyTimeout = ReplyTimeout,
        HandshakeTimeout = HandshakeTimeout,
    };

    /// <summary>
    /// Name, outcome of one TLS 1.2 hello, the SMTP verdicts allowed ('|'-separated), words the detail
    /// must contain, whether a deadline ends it, and the versions a whole probe finds accepted.
    /// </summary>
    public static TheoryData<string, HelloOutcomeKind, string, string, bool, string> Expectations() => new()
    {
        { "no-banner", HelloOutcomeKind.NotSent, "Blocked", "no complete greeting within 1.5 s", true, "" },
        { "close-at-once", HelloOutcomeKind.NotSent, "Blocked", "closed the connection before greeting", false, "" },
        // The reset may land before or after the connect completes; either way the server accepted, so it is not a connect failure.
        { "reset-at-once", HelloOutcomeKind.NotSent, "Blocked", "reset", false, "" },
        { "greeting-tarpit", HelloOutcomeKind.NotSent, "Blocked", "greeting delay or tarpit", true, "" },
        { "drip-banner", HelloOutcomeKind.NotSent, "Blocked", "no complete greeting", true, "" },
        { "endless-multiline-banner", HelloOutcomeKind.NotSent, "ProtocolError", "TooManyLines", false, "" },
        { "megabyte-line", HelloOutcomeKind.NotSent, "ProtocolError", "LineTooLong", false, "" },
        { "421-then-close", HelloOutcomeKind.NotSent, "Blocked", "greeted with 421", false, "" },
        { "554-banner", HelloOutcomeKind.NotSent, "Blocked", "greeted with 554", false, "" },
        { "binary-banner", HelloOutcomeKind.NotSent, "ProtocolError", "BadReplyCode", false, "" },
        { "http-server", HelloOutcomeKind.NotSent, "ProtocolError", "BadReplyCode", false, "" },
        { "ehlo-silence", HelloOutcomeKind.NotSent, "Blocked", "tarpit", true, "" },
        { "endless-ehlo", HelloOutcomeKind.NotSent, "ProtocolError", "TooManyLines", false, "" },
        { "inconsistent-codes", HelloOutcomeKind.NotSent, "ProtocolError", "InconsistentCode", false, "" },
        // The verdict is known after EHLO; the polite QUIT then waits its own deadline.
        { "no-starttls-ignores-quit", HelloOutcomeKind.NotSent, "StartTlsNotOffered", "does not list STARTTLS", true, "" },
        { "starttls-454", HelloOutcomeKind.NotSent, "StartTlsRefused", "answered 454", false, "" },
        { "starttls-then-plaintext", HelloOutcomeKind.Invalid, "TlsReady", "UnknownContentType at byte 0", false, "" },
        { "garbage-serverhello", HelloOutcomeKind.Invalid, "TlsReady", "UnknownContentType", false, "" },
        { "record-over-16k", HelloOutcomeKind.Invalid, "TlsReady", "RecordTooLong", false, "" },
        { "truncated-handshake-close", HelloOutcomeKind.Closed, "TlsReady", "incomplete answer", false, "" },
        { "truncated-handshake-hang", HelloOutcomeKind.Timeout, "TlsReady", "no complete answer within 0.8 s", true, "" },
        { "alert-flood", HelloOutcomeKind.Invalid, "TlsReady", "BadAlert", false, "" },
        { "reset-mid-handshake", HelloOutcomeKind.Closed, "TlsReady", "reset", false, "" },
        { "drip-handshake", HelloOutcomeKind.Timeout, "TlsReady", "no complete answer within", true, "" },
        { "sslv2-answer", HelloOutcomeKind.Invalid, "TlsReady", "UnknownContentType", false, "Ssl2" },
        { "500-certificate-chain", HelloOutcomeKind.Invalid, "TlsReady", "HandshakeMessageTooLong", false, "" },
        // The raw reader keeps DER undecoded; the TLS 1.2 answer itself is well formed.
        { "undecodable-der", HelloOutcomeKind.ServerHello, "TlsReady", "ServerHello", false, "Tls12" },
        // About 230 KB of certificate: over the 128 KB chain limit for raw hellos; TLS 1.3 hides it.
        { "10000-names", HelloOutcomeKind.Invalid, "TlsReady", "CertificateChainTooLarge", false, "Tls13" },
        { "greeting-delay-within-deadline", HelloOutcomeKind.ServerHello, "TlsReady", "ServerHello", false, "Tls12,Tls13" },
    };

    private static ProbeEndpoint Endpoint(HostileServer server) => new("hostile.mailtls.invalid", HostileServer.Address, server.Port, ImplicitTls: false);

    [Fact]
    public void Catalogue_EveryCaseHasAnEngineExpectation()
    {
        var names = HostileCases.All(material).Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(names, Expectations().Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task SendHelloAsync_HostileServer_NamesWhatTheServerDid(string name, HelloOutcomeKind kind, string verdicts, string words, bool endedByDeadline, string accepted)
    {
        // Given
        _ = accepted;
        var hostile = HostileCases.All(material).Single(c => c.Name == name);
        await using var server = HostileServer.Start(hostile.Script);
        var hello = ClientHelloBuilder.BuildRecord(ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F, 0xC030, 0x009C, 0x002F]));
        var clock = Stopwatch.StartNew();

        // When
        var outcome = await new TlsProbeEngine(Options).SendHelloAsync(Endpoint(server), hello);

        // Then
        clock.Stop();
        Assert.True(kind == outcome.Kind, $"{hostile.Description}: {outcome.Kind} '{outcome.Detail}'");
        Assert.Contains(outcome.Smtp?.Verdict ?? SmtpVerdict.TlsReady, verdicts.Split('|').Select(Enum.Parse<SmtpVerdict>));
        Assert.True(outcome.Detail.Contains(words, StringComparison.OrdinalIgnoreCase), $"{hostile.Description}: '{outcome.Detail}' lacks '{words}'");
        var deadline = kind == HelloOutcomeKind.NotSent ? ReplyTimeout : HandshakeTimeout;
        Assert.True(endedByDeadline == (clock.Elapsed >= deadline * 0.9), $"{hostile.Description}: took {clock.Elapsed}");
        Assert.True(clock.Elapsed < deadline + TimeSpan.FromSeconds(1.5), $"{hostile.Description}: took {clock.Elapsed}");
        Assert.Equal(1, server.ConnectionCount);
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task ProbeAsync_HostileServer_EndsBoundedWithTheReason(string name, HelloOutcomeKind kind, string verdicts, string words, bool endedByDeadline, string accepted)
    {
        // Given
        _ = (words, endedByDeadline);
        var hostile = HostileCases.All(material).Single(c => c.Name == name);
        await using var server = HostileServer.Start(hostile.Script);
        var engine = new TlsProbeEngine(Options with { SimulateSenders = true, FullHandshake = true });
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        // When
        var result = await engine.ProbeAsync(Endpoint(server));

        // Then: why, in the evidence
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Contains(result.Smtp?.Verdict ?? SmtpVerdict.TlsReady, verdicts.Split('|').Select(Enum.Parse<SmtpVerdict>));
        Assert.Equal(accepted, string.Join(',', result.AcceptedVersions));
        if (kind == HelloOutcomeKind.NotSent)
        {
            // Turned away before TLS: one connection, not a retry per version.
            Assert.Equal(1, server.ConnectionCount);
            Assert.Equal(0, result.Counts.RawHellos);
        }
        else if (name != "greeting-delay-within-deadline")
        {
            Assert.True(result.Failures.Count > 0 || result.Protocols.Any(p => p.Accepted is null), $"{hostile.Description}: no failure recorded");
        }

        if (kind is HelloOutcomeKind.Timeout or HelloOutcomeKind.Invalid && !accepted.Contains("Tls", StringComparison.Ordinal))
        {
            // No TLS answer is usable: the probe stops after confirming it, with the reason, within a few handshake deadlines.
            Assert.True(result.Counts.TcpConnections <= MaxConnectionsWithoutTls, $"{hostile.Description}: {result.Counts}");
            Assert.True(result.Counts.Elapsed < (HandshakeTimeout * 3) + TimeSpan.FromSeconds(1), $"{hostile.Description}: {result.Counts}");
            Assert.Contains(result.Failures, f => f.Message.Contains("not enumerated", StringComparison.Ordinal));
            Assert.All(result.Protocols.Where(p => p.Version != TlsProtocolVersion.Ssl2), p => Assert.Null(p.Accepted));
        }

        // Then: bounded. Each connection waits at most one reply deadline per SMTP step and one
        // handshake deadline, MaxParallel at a time.
        var perConnection = (ReplyTimeout * 4) + HandshakeTimeout;
        var waves = Math.Ceiling((double)result.Counts.TcpConnections / Options.MaxParallel);
        Assert.True(result.Counts.TcpConnections <= MaxConnections, $"{hostile.Description}: {result.Counts}");
        Assert.Equal(result.Counts.TcpConnections, server.ConnectionCount);
        Assert.True(result.Counts.Elapsed < (perConnection * waves) + TimeSpan.FromSeconds(2), $"{hostile.Description}: {result.Counts}");
        Assert.True(allocated < AllocationBound, $"{hostile.Description}: allocated {allocated / 1024} KiB");
    }
}
