using System.Diagnostics;
using MailTls.Collectors.Probe;
using MailTls.Core.Evidence;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// mailtls's own TLS 1.3 client (the exchange that reads encrypted chains) against servers that do
/// real key agreement and then misbehave inside the encrypted flight: each exchange ends within
/// the handshake deadline (or at it, when the server stalls) with the reason, on one connection,
/// with bounded allocation, and a well-behaved server still yields its chain.
/// </summary>
[Collection(HostileServersCollectionDefinition.Name)]
public sealed class Tls13ChainExchangeHostileTests(HostileMaterial material) : IClassFixture<HostileMaterial>
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(1.5);
    // Longer than the other hostile tests' 0.75 s: both sides do real key agreement on a shared machine.
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(1.5);
    private const long AllocationBound = 32L << 20;

    private static readonly TlsProbeOptions Options = new()
    {
        ConnectTimeout = ReplyTimeout,
        ReplyTimeout = ReplyTimeout,
        HandshakeTimeout = HandshakeTimeout,
    };

    /// <summary>
    /// Name, the failure class (null: the exchange reads a flight), words the detail must contain,
    /// whether the deadline ends it, and how many ClientHellos the client sends.
    /// </summary>
    public static TheoryData<string, FailureReason?, string, bool, int> Expectations() => new()
    {
        { "tls13-complete-flight", null, "1 certificate(s), signed with EcdsaSecp256r1Sha256", false, 1 },
        { "tls13-bad-key-share", FailureReason.InvalidData, "not valid (BadValue", false, 1 },
        { "tls13-undecryptable-records", FailureReason.InvalidData, "not valid (DecryptionFailed", false, 1 },
        { "tls13-record-over-2^14+256", FailureReason.InvalidData, "not valid (RecordTooLong", false, 1 },
        { "tls13-record-announcing-64k", FailureReason.InvalidData, "not valid (RecordTooLong", false, 1 },
        { "tls13-500-certificate-chain", FailureReason.InvalidData, "not valid (HandshakeMessageTooLong", false, 1 },
        { "tls13-huge-encrypted-message", FailureReason.InvalidData, "not valid (HandshakeMessageTooLong", false, 1 },
        { "tls13-truncated-certificate-close", FailureReason.InvalidData, "closed the connection after", false, 1 },
        { "tls13-truncated-certificate-hang", FailureReason.Timeout, "no complete TLS 1.3 flight within 1.5 s", true, 1 },
        // RFC 8446 section 4.1.4: a second HelloRetryRequest is unexpected_message.
        { "tls13-endless-hello-retry", FailureReason.InvalidData, "not valid (UnexpectedHandshakeType", false, 2 },
        // RFC 8446 section 4.1.4: a HelloRetryRequest that would change nothing is illegal_parameter.
        { "tls13-retry-for-offered-group", FailureReason.InvalidData, "not valid (BadValue", false, 1 },
        { "tls13-endless-change-cipher-spec", FailureReason.InvalidData, "not valid (UnexpectedRecord", false, 1 },
        // The first alert ends the flight: the verdict names it, the rest of the flood is never read.
        { "tls13-alert-flood", null, "warning user_canceled", false, 1 },
        { "tls13-reset-mid-flight", FailureReason.InvalidData, "reset", false, 1 },
        { "tls13-drip-flight", FailureReason.Timeout, "no complete TLS 1.3 flight within", true, 1 },
    };

    [Fact]
    public void Catalogue_EveryCaseHasAnExpectation()
    {
        var names = HostileCases.Tls13Flight(material).Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(names.Order(StringComparer.Ordinal), Expectations().Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task RunAsync_HostileTls13Server_EndsInTimeWithTheReason(string name, FailureReason? expected, string words, bool endedByDeadline, int hellos)
    {
        // Given
        var hostile = HostileCases.Tls13Flight(material).Single(c => c.Name == name);
        await using var server = HostileServer.Start(hostile.Script);
        using var gate = new ConnectionGate(1, TimeSpan.Zero, TimeProvider.System);
        var hello = ClientHelloOptions.For(TlsProtocolVersion.Tls13, Tls13FlightReader.DecryptableSuites) with
        {
            SignatureAlgorithms = [TlsSignatureScheme.EcdsaSecp256r1Sha256],
        };
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        // When
        var result = await Tls13ChainExchange.RunAsync(new ProbeEndpoint("hostile.mailtls.invalid", HostileServer.Address, server.Port, ImplicitTls: false), Options, gate, hello, CancellationToken.None);

        // Then: the verdict
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(expected == result.Failure, $"{hostile.Description}: {result.Failure} '{result.Detail}'");
        Assert.True(result.Detail.Contains(words, StringComparison.Ordinal), $"{hostile.Description}: '{result.Detail}' lacks '{words}'");
        Assert.Equal(expected is null, result.Flight is not null);
        if (name == "tls13-complete-flight")
        {
            Assert.Equal(material.Leaf.RawData, Assert.Single(result.Flight!.Certificates).ToArray());
        }

        // Then: in time, once, bounded
        Assert.True(endedByDeadline == (clock.Elapsed >= HandshakeTimeout * 0.9), $"{hostile.Description}: took {clock.Elapsed}");
        // The clock also covers the SMTP dialog before the handshake, and CI runs test classes in
        // parallel: a second of grace was exceeded once (2.9 s), so the bound is the resumption tests'.
        Assert.True(clock.Elapsed < (HandshakeTimeout * 2) + TimeSpan.FromSeconds(1), $"{hostile.Description}: took {clock.Elapsed}");
        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(hellos, gate.RawHellos);
        Assert.True(allocated < AllocationBound, $"{hostile.Description}: allocated {allocated / 1024} KiB");
    }
}
