using System.Diagnostics;
using MailTls.Collectors.Smtp;
using MailTls.Core.Evidence;
using Xunit;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// The STARTTLS session that <c>mailtls dane</c> and <c>mailtls policy</c> use, against every hostile
/// server: each ends within its deadlines with the failure class and words a postmaster can act on,
/// makes one connection, and allocates a bounded amount whatever the server sends.
/// </summary>
[Collection(HostileServersCollectionDefinition.Name)]
public sealed class StartTlsSessionHostileTests(HostileMaterial material) : IClassFixture<HostileMaterial>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1.5);

    // A session has at most seven phases with their own deadline; a stall stops it in one.
    // (Timers may fire a few milliseconds early against the stopwatch, hence the 0.9 below.)
    private static readonly TimeSpan StallBound = Timeout + TimeSpan.FromSeconds(1.5);

    private const long AllocationBound = 32L << 20;

    /// <summary>Name, expected failure (null: the session succeeds), words the failure message must contain, whether the deadline is what ends it.</summary>
    public static TheoryData<string, FailureReason?, string, bool> Expectations() => new()
    {
        { "no-banner", FailureReason.Timeout, "no answer within 1.5 s", true },
        { "close-at-once", FailureReason.InvalidData, "closed the connection", false },
        { "reset-at-once", FailureReason.InvalidData, "reset", false },
        { "greeting-tarpit", FailureReason.Timeout, "no answer within", true },
        { "drip-banner", FailureReason.Timeout, "no answer within", true },
        { "endless-multiline-banner", FailureReason.InvalidData, "TooManyLines", false },
        { "megabyte-line", FailureReason.InvalidData, "LineTooLong", false },
        { "421-then-close", FailureReason.ServerError, "greeted with 421", false },
        { "554-banner", FailureReason.ServerError, "greeted with 554", false },
        { "binary-banner", FailureReason.InvalidData, "BadReplyCode", false },
        { "http-server", FailureReason.InvalidData, "BadReplyCode", false },
        { "ehlo-silence", FailureReason.Timeout, "no answer within", true },
        { "endless-ehlo", FailureReason.InvalidData, "TooManyLines", false },
        { "inconsistent-codes", FailureReason.InvalidData, "InconsistentCode", false },
        { "no-starttls-ignores-quit", FailureReason.ServerError, "does not offer STARTTLS", true },
        { "starttls-454", FailureReason.ServerError, "STARTTLS was answered 454", false },
        { "starttls-then-plaintext", FailureReason.InvalidData, "TLS handshake failed: Cannot determine the frame size or a corrupted frame", false },
        { "garbage-serverhello", FailureReason.InvalidData, "corrupted frame", false },
        { "record-over-16k", FailureReason.InvalidData, "packet length too long", false },
        { "truncated-handshake-close", FailureReason.InvalidData, "unexpected EOF", false },
        { "truncated-handshake-hang", FailureReason.Timeout, "no answer within", true },
        { "alert-flood", FailureReason.InvalidData, "too many warn alerts", false },
        { "reset-mid-handshake", FailureReason.InvalidData, "Connection reset by peer", false },
        { "drip-handshake", FailureReason.Timeout, "no answer within", true },
        { "sslv2-answer", FailureReason.InvalidData, "corrupted frame", false },
        { "500-certificate-chain", FailureReason.InvalidData, "excessive message size", false },
        { "undecodable-der", FailureReason.InvalidData, "ASN1", false },
        // 10 000 names make a certificate of about 250 KB, past OpenSSL's 100 KB bound on the certificate list.
        { "10000-names", FailureReason.InvalidData, "excessive message size", false },
        { "greeting-delay-within-deadline", null, "", false },
    };

    [Fact]
    public void Catalogue_EveryCaseHasAnExpectation_AndThereAreAtLeastTwenty()
    {
        // Given
        var names = HostileCases.All(material).Select(c => c.Name).ToList();
        var expected = Expectations().Select(row => (string)row[0]).ToList();

        // Then
        Assert.True(names.Count >= 20, $"{names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(names.Order(StringComparer.Ordinal), expected.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task RunAsync_HostileServer_EndsInTimeWithAClearVerdict(string name, FailureReason? expected, string words, bool endedByDeadline)
    {
        // Given
        var hostile = HostileCases.All(material).Single(c => c.Name == name);
        await using var server = HostileServer.Start(hostile.Script);
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        // When
        var (evidence, failure) = await StartTlsSession.RunAsync(HostileServer.Address, server.Port, "hostile.mailtls.invalid", sni: null, implicitTls: false, Timeout);

        // Then: the verdict
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (expected is null)
        {
            Assert.True(failure is null, $"{hostile.Description}: {failure}");
            Assert.NotEmpty(evidence!.ServedChain);
        }
        else
        {
            Assert.True(failure is not null, $"{hostile.Description}: succeeded");
            Assert.True(expected == failure.Reason, $"{hostile.Description}: {failure.Reason} {failure.Message}");
            Assert.True(failure.Message.Contains(words, StringComparison.OrdinalIgnoreCase), $"{hostile.Description}: \"{failure.Message}\" lacks \"{words}\"");
            Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        }

        // Then: in time, once, bounded
        Assert.True(clock.Elapsed < StallBound, $"{hostile.Description}: took {clock.Elapsed}");
        Assert.True(endedByDeadline == (clock.Elapsed >= Timeout * 0.9), $"{hostile.Description}: took {clock.Elapsed}, deadline {Timeout}");
        Assert.Equal(1, server.ConnectionCount);
        Assert.True(allocated < AllocationBound, $"{hostile.Description}: allocated {allocated / 1024} KiB");
    }
}
