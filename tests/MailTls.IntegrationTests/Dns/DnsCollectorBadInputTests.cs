using Xunit;
using System.Diagnostics;
using MailTls.Collectors.Dns;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;

namespace MailTls.IntegrationTests.Dns;

public class DnsCollectorBadInputTests
{
    /// <summary>An answer RR owned by the question name (compression pointer to offset 12), type TLSA, TTL 300.</summary>
    private static byte[] TlsaAnswer(params byte[] rdata) =>
        [0xC0, 0x0C, 0x00, 0x34, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2C, 0x00, (byte)rdata.Length, .. rdata];

    public static TheoryData<string, ushort, ushort, Func<int, byte[]>> BrokenResponses => new()
    {
        // TLSA RDATA of two octets: RFC 6698 section 2.1 needs at least three.
        { "short TLSA RDATA", 0x8180, 1, _ => TlsaAnswer(3, 1) },

        // An answer whose owner name is a compression pointer to itself (RFC 1035 section 4.1.4).
        { "compression loop", 0x8180, 1, offset => [0xC0, (byte)offset, 0x00, 0x34, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2C, 0x00, 0x03, 3, 1, 1] },

        // ANCOUNT says one answer; the message ends after the question.
        { "truncated answer", 0x8180, 1, _ => [] },

        // RDLENGTH claims more octets than the message holds.
        { "RDLENGTH past the end", 0x8180, 1, _ => [0xC0, 0x0C, 0x00, 0x34, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2C, 0x01, 0x00, 3, 1, 1] },
    };

    [Theory]
    [MemberData(nameof(BrokenResponses))]
    public async Task QueryTlsaAsync_BrokenResponse_TypedFailureNoException(string why, ushort flags, ushort answerCount, Func<int, byte[]> answers)
    {
        // Given a server that answers with a broken message
        using var server = new RawDnsResponder(flags, answerCount, answers);

        // The deadline is long so a loaded machine never turns the expected parse failure into a timeout;
        // the elapsed check below still proves the broken answer was not waited out.
        var collector = new DnsCollector(new DnsCollectorOptions { Server = server.Endpoint, Timeout = TimeSpan.FromSeconds(10), Retries = 0 });

        // When a TLSA RRset is asked for
        var clock = Stopwatch.StartNew();
        var answer = await collector.QueryTlsaAsync("mx.example.com", 25);

        // Then a typed failure (or a record-free answer) comes back quickly, never an exception
        Assert.True(answer.Records.Count == 0 || answer.Records.All(r => r.AssociationData.Length > 0), why);
        Assert.False(answer.Succeeded && answer.Records.Count > 0, why);
        Assert.NotEqual(DnssecStatus.Secure, answer.Dnssec);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"{why}: took {clock.Elapsed}");
        Assert.True(server.Queries > 0, why);
        // DnsClient retries a UDP response it cannot parse over TCP (RFC 7766 section 5); this server has no TCP port, so
        // that retry is refused. A compression loop is reported as malformed directly.
        Assert.True(
            answer.Failure?.Reason is FailureReason.InvalidData or FailureReason.Refused,
            $"{why}: {answer.Status} {answer.Failure?.Reason} {answer.Failure?.Message} records={answer.Records.Count}");
    }

    [Fact]
    public async Task QueryTlsaAsync_TruncatedOverUdpNoTcp_FailsNotHangs()
    {
        // Given a server that sets TC (RFC 1035 section 4.1.1) over UDP and listens on no TCP port
        using var server = new RawDnsResponder(0x8380, 0, _ => []);
        var collector = new DnsCollector(new DnsCollectorOptions { Server = server.Endpoint, Timeout = TimeSpan.FromMilliseconds(500), Retries = 0 });

        // When a TLSA RRset is asked for
        var answer = await collector.QueryTlsaAsync("mx.example.com", 25);

        // Then the TCP retry (RFC 7766 section 5) fails and that is reported, not thrown
        Assert.False(answer.Succeeded);
        Assert.Contains(answer.Failure!.Reason, new[] { FailureReason.Refused, FailureReason.Unreachable, FailureReason.Timeout, FailureReason.InvalidData });
    }
}
