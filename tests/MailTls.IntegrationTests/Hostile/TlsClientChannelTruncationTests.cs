using MailTls.Collectors.Probe;
using MailTls.Core;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// The record layer of mailtls's own TLS client (used by the resumption exchange) over a server
/// flight cut at every offset, as a server that closes mid-flight sends it: it returns the whole
/// handshake messages before the cut, in order, then reports the close; never a partial message,
/// never another exception, never a wait.
/// </summary>
public sealed class TlsClientChannelTruncationTests
{
    // Small records, so that messages span records and records hold parts of two messages.
    private const int Fragment = 100;

    [Fact]
    public async Task ReadHandshakeAsync_FlightCutAnywhere_ReturnsTheWholeMessagesThenEndOfStream()
    {
        // Given: ServerHello, Certificate, ServerHelloDone in 100-byte records
        byte[][] messages = [HostileTls.ServerHello(), HostileTls.Certificate([Enumerable.Repeat((byte)0x30, 300).ToArray()]), HostileTls.ServerHelloDone()];
        byte[] stream = [.. messages.SelectMany(m => m).Chunk(Fragment).SelectMany(chunk => HostileTls.Record(TlsContentType.Handshake, chunk))];

        // A message is whole once the record holding its last byte is.
        var messageEnds = messages.Select((_, i) => messages.Take(i + 1).Sum(m => m.Length)).ToList();
        var readableAt = messageEnds.Select(end => Math.Min(stream.Length, ((end + Fragment - 1) / Fragment * (Fragment + TlsRecord.HeaderLength)))).ToList();

        for (var cut = 0; cut <= stream.Length; cut++)
        {
            // When
            using var channel = new TlsClientChannel(new MemoryStream(stream[..cut]), ParserLimits.Default, maxBytes: 64 * 1024);
            var read = new List<byte[]>();
            var end = await Record.ExceptionAsync(async () =>
            {
                while (true)
                {
                    read.Add((await channel.ReadHandshakeAsync(untilApplicationData: false, CancellationToken.None))!);
                }
            }).WaitAsync(TimeSpan.FromSeconds(5));

            // Then
            Assert.IsType<EndOfStreamException>(end);
            Assert.Equal(readableAt.Count(at => at <= cut), read.Count);
            Assert.Equal(messages.Take(read.Count), read);
        }
    }
}
