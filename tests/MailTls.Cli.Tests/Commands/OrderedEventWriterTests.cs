using System.Text.Json;
using MailTls.Cli.Commands;
using MailTls.Core.Evidence;
using MailTls.Core.Logs;
using Xunit;

namespace MailTls.Cli.Tests.Commands;

/// <summary>
/// <c>--events</c> holds events back until no open session began before them. A process that logged
/// a start-up error and never a session stays open to the end of the log; it must not hold back
/// every later event.
/// </summary>
public class OrderedEventWriterTests
{
    private const string Log = "/var/log/mail.log";

    [Fact]
    public void Add_BehindASessionThatNeverEnds_HoldsNoMoreThanItsBoundAndWritesAllInLineOrder()
    {
        // Given a session open since line 1 to the end, and 5,000 events after it, with room for 100
        var output = new StringWriter();
        var writer = new OrderedEventWriter(output, [Log], () => [new SourceLocation(Log, 1)], maxHeld: 100);

        // When the events arrive
        for (var line = 2; line <= 5_001; line++)
        {
            writer.Add(Event(line));
        }

        // Then most are written already (the held ones and one chunk of output at most are not)
        var before = Lines(output);
        Assert.InRange(before.Count, 4_500, 4_900);

        // And at the end every event is written once, in line order
        writer.Complete();
        var lines = Lines(output);
        Assert.Equal(Enumerable.Range(2, 5_000), lines);
    }

    [Fact]
    public void Add_EventsEndingOutOfOrder_WrittenInLineOrderOnceNoSessionPrecedesThem()
    {
        // Given sessions that end in reverse order within each group of ten, one group open at a time
        var output = new StringWriter();
        var open = new List<SourceLocation>();
        var writer = new OrderedEventWriter(output, [Log], () => open);

        // When each group's events arrive last first while the group's first line is still open
        for (var group = 0; group < 1_000; group++)
        {
            open.Clear();
            open.Add(new SourceLocation(Log, (group * 10) + 1));
            for (var line = (group * 10) + 10; line > group * 10; line--)
            {
                writer.Add(Event(line));
            }
        }

        open.Clear();
        writer.Complete();

        // Then the output is in line order
        Assert.Equal(Enumerable.Range(1, 10_000), Lines(output));
    }

    private static List<int> Lines(StringWriter output) =>
        [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("line").GetInt32())];

    private static TlsEvent Event(int line) => new()
    {
        Location = new SourceLocation(Log, line),
        Mta = MailTransferAgent.Postfix,
        Program = "postfix/smtpd",
        Direction = TlsDirection.Inbound,
        Peer = new TlsPeer("mail.example.com", "192.0.2.1", "example.com"),
        Outcome = TlsOutcome.Success,
        Cause = TlsCause.Ok,
        Protocol = "TLSv1.3",
        Cipher = "TLS_AES_256_GCM_SHA384",
    };
}
