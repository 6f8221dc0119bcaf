using System.Diagnostics;
using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// mailtls's session-resumption client against servers that complete the first handshake with
/// real keys and then misbehave (a Finished that does not verify, a ticket that is noise or never
/// ends, a stall, a resumed hello dripped byte by byte): each mechanism ends with "yes", "no" or
/// "unknown" with the reason a postmaster can read, within one handshake deadline per connection,
/// on the few connections the test costs, with bounded allocation; one mechanism's trouble does
/// not decide another's verdict.
/// </summary>
[Collection(HostileServersCollectionDefinition.Name)]
public sealed class ResumptionExchangeHostileTests(HostileMaterial material) : IClassFixture<HostileMaterial>
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(1.5);
    // Longer than the other hostile tests' 0.75 s: a case runs up to three real handshakes in a row on a shared machine.
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(2);
    private const long AllocationBound = 32L << 20;
    private const string NotTested = "unknown: not tested: the server refuses";

    private static readonly TlsProbeOptions Options = new()
    {
        ConnectTimeout = ReplyTimeout,
        ReplyTimeout = ReplyTimeout,
        HandshakeTimeout = HandshakeTimeout,
    };

    /// <summary>
    /// Name, then the verdict by session id, by ticket and by TLS 1.3 PSK ("yes", "no", or "unknown: "
    /// and words the detail must contain), whether a deadline ends it, and the connections it costs.
    /// </summary>
    public static TheoryData<string, string, string, string, bool, int> Expectations() => new()
    {
        { "tls12-resumes", "yes", "yes", NotTested, false, 3 },
        { "tls12-wrong-finished", "unknown: (without session_ticket) failed: the server's Finished does not verify", "unknown: (with session_ticket) failed: the server's Finished does not verify", NotTested, false, 2 },
        // The handshake without session_ticket gets no ticket, so the session id is still tested to the end.
        { "tls12-garbage-ticket", "yes", "unknown: the NewSessionTicket is unreadable (Truncated)", NotTested, false, 3 },
        { "tls12-oversized-ticket", "yes", "unknown: (with session_ticket) failed: the server sent an unreadable handshake message (HandshakeMessageTooLong)", NotTested, false, 3 },
        { "tls12-echoes-without-resuming", "no", "no", NotTested, false, 3 },
        { "tls12-resumed-wrong-finished", "unknown: Finished", "unknown: Finished", NotTested, false, 3 },
        { "tls12-reset-mid-flight", "unknown: (without session_ticket) failed: Unable to read data from the transport connection: Connection reset by peer", "unknown: (with session_ticket) failed: Unable to read data from the transport connection: Connection reset by peer", NotTested, false, 2 },
        { "tls12-stall-after-client-finished", "unknown: no complete answer within 2 s", "unknown: no complete answer within 2 s", NotTested, true, 2 },
        { "tls13-psk-resumes", NotTested, NotTested, "yes", false, 2 },
        { "tls13-wrong-finished", NotTested, NotTested, "unknown: the first TLS 1.3 handshake failed: the server's Finished does not verify", false, 1 },
        { "tls13-garbage-ticket", NotTested, NotTested, "unknown: the NewSessionTicket is unreadable (Truncated)", false, 1 },
        { "tls13-oversized-ticket", NotTested, NotTested, "unknown: unreadable handshake message (HandshakeMessageTooLong)", false, 1 },
        { "tls13-endless-post-handshake", NotTested, NotTested, "unknown: more than 524288 bytes without completing the handshake", false, 1 },
        { "tls13-hello-retry", NotTested, NotTested, "unknown: the first TLS 1.3 handshake failed: the server asked for another key share (HelloRetryRequest)", false, 1 },
        { "tls13-alert-flood-after-finished", NotTested, NotTested, "unknown: the first TLS 1.3 handshake failed: the server sent warning user_canceled", false, 1 },
        { "tls13-stall-after-finished", NotTested, NotTested, "unknown: the first TLS 1.3 handshake failed: no complete answer within 2 s", true, 1 },
        { "tls13-drip-resumed-hello", NotTested, NotTested, "unknown: the hello offering the PSK: no complete answer within 2 s", true, 2 },
    };

    [Fact]
    public void Catalogue_EveryCaseHasAnExpectation()
    {
        var names = HostileCases.Resumption(material).Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(names.Order(StringComparer.Ordinal), Expectations().Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task RunAsync_HostileServer_EachMechanismEndsInTimeWithAVerdict(string name, string sessionId, string ticket, string psk, bool endedByDeadline, int connections)
    {
        // Given / When / Then: see RunCaseAsync; the exact connections the case costs
        var (count, gateCount) = await RunCaseAsync(name, sessionId, ticket, psk, endedByDeadline, idWithheldForTickets: false);
        Assert.Equal(connections, count);
        Assert.Equal(connections, gateCount);
    }

    public static IEnumerable<object[]> Tls12Expectations() => Expectations().Where(row => ((string)row[0]).StartsWith("tls12-", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Tls12Expectations))]
    public async Task RunAsync_HostileServerWithTheSessionIdAskedFirst_SameVerdictsInTime(string name, string sessionId, string ticket, string psk, bool endedByDeadline, int connections)
    {
        // Given / When / Then: the order the probe takes when the enumeration saw tickets without
        // session ids changes no verdict and no reason, and costs at most one connection more on
        // servers that (unlike the ones it is chosen for) resume without issuing a ticket
        var (count, gateCount) = await RunCaseAsync(name, sessionId, ticket, psk, endedByDeadline, idWithheldForTickets: true);
        Assert.InRange(count, 1, connections + 1);
        Assert.Equal(count, gateCount);
    }

    /// <summary>
    /// Runs one case with TLS 1.2 or 1.3 accepted (the other refused) and asserts each mechanism's
    /// verdict and reason, the time and the allocation; returns the connections the server saw and the gate counted.
    /// </summary>
    private async Task<(int Server, int Gate)> RunCaseAsync(string name, string sessionId, string ticket, string psk, bool endedByDeadline, bool idWithheldForTickets)
    {
        // Given: the protocol the case speaks is accepted with a suite mailtls's client completes, the other refused
        var hostile = HostileCases.Resumption(material).Single(c => c.Name == name);
        await using var server = HostileServer.Start(hostile.Script);
        using var gate = new ConnectionGate(2, TimeSpan.Zero, TimeProvider.System);
        var tls13 = name.StartsWith("tls13-", StringComparison.Ordinal);
        ProtocolSupport[] protocols =
        [
            Protocol(TlsProtocolVersion.Tls12, accepted: !tls13, 0xC02F),
            Protocol(TlsProtocolVersion.Tls13, accepted: tls13, HostileTls13Handshake.Suite),
        ];
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        // When
        var result = await ResumptionExchange.RunAsync(new ProbeEndpoint("hostile.mailtls.invalid", HostileServer.Address, server.Port, ImplicitTls: false), Options, gate, protocols, idWithheldForTickets, CancellationToken.None);

        // Then: a verdict per mechanism, with the reason
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        AssertVerdict(hostile, "session id", sessionId, result.SessionId);
        AssertVerdict(hostile, "ticket", ticket, result.Ticket);
        AssertVerdict(hostile, "TLS 1.3 PSK", psk, result.Tls13Psk);

        // Then: in time, bounded. The TLS 1.2 ticket and session-id tests run two at a time after the
        // first handshake (or one after the other when the id is asked first), so the longest chain is two deadlines.
        Assert.True(endedByDeadline == (clock.Elapsed >= HandshakeTimeout * 0.9), $"{hostile.Description}: took {clock.Elapsed}");
        Assert.True(clock.Elapsed < (HandshakeTimeout * 2) + TimeSpan.FromSeconds(1), $"{hostile.Description}: took {clock.Elapsed}");
        Assert.True(allocated < AllocationBound, $"{hostile.Description}: allocated {allocated / 1024} KiB");
        return (server.ConnectionCount, gate.ResumptionConnections);
    }

    private static ProtocolSupport Protocol(TlsProtocolVersion version, bool accepted, ushort suite) => new()
    {
        Version = version,
        Accepted = accepted,
        Suites = accepted ? [new AcceptedSuite(CipherSuiteRegistry.Get(suite))] : [],
    };

    private static void AssertVerdict(HostileCase hostile, string mechanism, string expected, ResumptionVerdict verdict)
    {
        var (resumed, words) = expected switch
        {
            "yes" => ((bool?)true, string.Empty),
            "no" => (false, string.Empty),
            _ => (null, expected["unknown: ".Length..]),
        };
        Assert.True(resumed == verdict.Resumed, $"{hostile.Description}, {mechanism}: {verdict}");
        Assert.True(verdict.Detail.Contains(words, StringComparison.Ordinal), $"{hostile.Description}, {mechanism}: '{verdict.Detail}' lacks '{words}'");
        Assert.False(string.IsNullOrWhiteSpace(verdict.Detail));
    }
}
