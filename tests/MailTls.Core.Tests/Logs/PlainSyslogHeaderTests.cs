using System.Text;
using MailTls.Core;
using MailTls.Core.Logs;
using Xunit;

namespace MailTls.Core.Tests.Logs;

/// <summary>
/// The byte-level header reader is a shortcut past <see cref="LogLineParser"/>: whenever it reads a
/// line, the general parser (the oracle) must read the same format, timestamp, host, program, pid
/// and message; whatever it refuses goes to the general parser anyway.
/// </summary>
public class PlainSyslogHeaderTests
{
    private static readonly DateTime Reference = new(2026, 11, 23);

    public static TheoryData<string> Lines => new()
    {
        "Nov  1 00:00:01 mx postfix/qmgr[900]: 0000000001: removed",
        "Nov  1 00:00:01 mx postfix/cleanup[1002]: 0000000001: message-id=<1@web.de>",
        "Nov 11 23:59:59 mx postfix-out/local[3]: 0000000001: to=<a@b>, relay=local, status=sent",
        "Dec 31 23:59:59 mx postfix/smtpd[3]: read in January: last year",
        "2026-11-01T00:00:01.123456+01:00 mx postfix/qmgr[900]: 0000000001: removed",
        "2026-11-01T00:00:01Z mx postfix/pickup[12]: x",
        "Nov  1 00:00:01 mx postfix/smtpd[1001]: connect from a.example[192.0.2.1]",
        "Nov  1 00:00:01 mx postfix/smtp[1001]: Verified TLS connection established to b.example[192.0.2.2]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
        "Nov  1 00:00:01 mx postfix/smtpd[1001]:no space after the colon",
        "Nov  1 00:00:01 mx postfix/smtpd[1001]:",
        "Nov  1 00:00:01 mx postfix/smtpd[1001]: ",
        "Nov  1 00:00:01 mx postfix/smtpd[99999999999]: pid overflows",
        "Nov  1 00:00:01 mx postfix/smtpd[1]: message with UTF-8 ä and a trailing CR\r",
        "Nov  1 00:00:01 mx sm-mta[7]: STARTTLS=server, relay=a, version=TLSv1.3, verify=NO",
        "Nov  1 00:00:01 mx exim[7]: x",
        "Nov  1 00:00:01 mx dovecot/imap-login[7]: x",
        "Nov  1 00:00:01 mx kernel[0]: x",
        "Feb 30 00:00:01 mx postfix/qmgr[900]: impossible date",
        "Nox  1 00:00:01 mx postfix/qmgr[900]: bad month",
        "Nov  1 25:00:01 mx postfix/qmgr[900]: bad hour",
        "2026-13-01T00:00:01Z mx postfix/qmgr[900]: bad month",
        "2026-11-01 00:00:01 exim main log, space separated",
        "Nov  1 00:00:01 postfix/qmgr[900]: no host",
        "Nov  1 00:00:01  mx postfix/qmgr[900]: two spaces",
        "Nov  1 00:00:01 mx:1 postfix/qmgr[900]: colon in the host",
        "Nov  1 00:00:01 mx[1] postfix/qmgr[900]: bracket in the host",
        "Nov  1 00:00:01 mx postfix/qmgr[9x0]: bad pid",
        "Nov  1 00:00:01 mx postfix/qmgr[900] no colon",
        "Nov  1 00:00:01 mx postfix/qmgr: no pid",
        "Nov  1 00:00:01 mx pöstfix/qmgr[900]: not ASCII",
        "Nov  1 00:00:01 mx post\tfix/qmgr[900]: a tab",
        "Nov  1 00:00:01 m\u007fx postfix/qmgr[900]: DEL in the host",
        "2026-11-01T00:00:0\u007f1Z mx postfix/qmgr[900]: DEL in the timestamp",
        "Nov  1 00:00:01 mx postfix/qmgr[]: empty pid",
        "<22>Nov  1 00:00:01 mx postfix/qmgr[900]: with PRI",
        "mailserver  | Nov  1 00:00:01 mx postfix/qmgr[900]: container",
        "{\"MESSAGE\":\"x\"}",
        "Nov  1 00:00:01",
        "",
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void TryRead_AgreesWithTheGeneralParser(string text)
    {
        // Given one line, read by the shortcut from its bytes and by the general parser
        var reader = new PlainSyslogHeader(Reference);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!reader.TryRead(bytes, out var header))
        {
            return;
        }

        var options = new LogParseOptions { ReferenceDate = Reference };
        var status = LogLineParser.TryParse(text, options, out var line, out _);

        // Then every part the shortcut read is what the general parser reads
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(line.Format, header.Format);
        Assert.Equal(line.Timestamp, header.Timestamp);
        Assert.Equal(line.Host.ToString(), text.Substring(header.HostStart, header.HostLength));
        Assert.Equal(line.Program.ToString(), text.Substring(header.ProgramStart, header.ProgramLength));
        Assert.Equal(line.Pid, header.Pid);
        Assert.Equal(line.Message.ToString(), header.MessageStart < text.Length ? text[header.MessageStart..].TrimEnd('\r', '\n') : "");
    }

    [Fact]
    public void TryRead_ReadsTheCommonShapes()
    {
        // Given the commonest mail log lines, twice each with the same timestamp (the cached path)
        var reader = new PlainSyslogHeader(Reference);
        string[] lines =
        [
            "Nov  1 00:00:01 mx postfix/qmgr[900]: 0000000001: removed",
            "Nov  1 00:00:01 mx postfix/smtpd[1001]: connect from a.example[192.0.2.1]",
            "2026-11-01T00:00:01.123456+01:00 mx postfix/local[3]: 0000000001: to=<a@b>, status=sent",
        ];

        // Then each is read by the shortcut, so the general parser is not needed
        foreach (var text in lines.Concat(lines))
        {
            Assert.True(reader.TryRead(Encoding.UTF8.GetBytes(text), out _), text);
        }
    }

    [Fact]
    public void TryRead_RechecksATimestampThatChanged()
    {
        // Given a valid line, then one whose timestamp differs and is invalid
        var reader = new PlainSyslogHeader(Reference);
        Assert.True(reader.TryRead("Nov  1 00:00:01 mx postfix/qmgr[900]: x"u8, out _));

        // Then the cached timestamp does not vouch for the new one
        Assert.False(reader.TryRead("Nov 31 00:00:01 mx postfix/qmgr[900]: x"u8, out _));
    }

    [Fact]
    public void Parse_BlockGivesTheSameEventsAsLineByLine()
    {
        // Given a mixed log (plain headers, other shapes, non-TLS programs, a session split over
        // both kinds of header), read as one block and line by line
        string[] log =
        [
            "Nov  1 00:00:01 mx postfix/smtpd[7]: connect from a.example.com[192.0.2.1]",
            "Nov  1 00:00:01 mx postfix/qmgr[900]: 0000000001: removed",
            "<22>Nov  1 00:00:02 mx postfix/smtpd[7]: SSL_accept error from a.example.com[192.0.2.1]: -1",
            "Nov  1 00:00:02 mx postfix/smtpd[7]: warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1657:",
            "2026-11-01T00:00:03Z mx postfix/smtpd[7]: lost connection after STARTTLS from a.example.com[192.0.2.1]",
            "Nov  1 00:00:03 mx postfix/smtpd[7]: disconnect from a.example.com[192.0.2.1] ehlo=1 starttls=0/1 commands=1/2",
            "Nov  1 00:00:04 mx postfix/smtpd[8]: connect from b.example.net[192.0.2.2]",
            "Nov  1 00:00:04 mx postfix/smtpd[8]: Anonymous TLS connection established from b.example.net[192.0.2.2]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "Nov  1 00:00:05 mx postfix/smtpd[8]: disconnect from b.example.net[192.0.2.2] ehlo=2 starttls=1 quit=1 commands=4",
        ];
        var (byLine, byBlock) = ReadBothWays(log);

        // Then the events and counts are the same
        Assert.Equal(2, byLine.Events.Count);
        Assert.Equal(byLine.Events, byBlock.Events);
        Assert.Equal(byLine.Statistics, byBlock.Statistics);
    }

    [Fact]
    public void Parse_HeadersWithUnprintableBytesOrNoPid_GiveTheSameEventsAndCountsAsLineByLine()
    {
        // Given sessions whose lines carry a DEL in the host or the timestamp, a tab in the tag, or
        // an empty pid (the byte reader refuses them; the general parser decides), among plain lines
        string[] log =
        [
            "Nov  1 00:00:01 mx postfix/smtpd[7]: connect from a.example.com[192.0.2.1]",
            "Nov  1 00:00:01 m\u007fx postfix/smtpd[7]: SSL_accept error from a.example.com[192.0.2.1]: -1",
            "2026-11-01T00:00:0\u007f2Z mx postfix/smtpd[7]: lost connection after STARTTLS from a.example.com[192.0.2.1]",
            "Nov  1 00:00:03 mx postfix/smtpd[7]: disconnect from a.example.com[192.0.2.1] ehlo=1 starttls=0/1 commands=1/2",
            "Nov  1 00:00:04 mx postfix/smtpd[]: connect from b.example.net[192.0.2.2]",
            "Nov  1 00:00:04 mx post\tfix/smtpd[8]: Anonymous TLS connection established from b.example.net[192.0.2.2]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "Nov  1 00:00:05 mx postfix/smtpd[8]: connect from c.example.net[192.0.2.3]",
            "Nov  1 00:00:05 mx postfix/smtpd[8]: Anonymous TLS connection established from c.example.net[192.0.2.3]: TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits)",
            "Nov  1 00:00:05 mx postfix/smtpd[8]: disconnect from c.example.net[192.0.2.3] ehlo=2 starttls=1 quit=1 commands=4",
        ];
        var (byLine, byBlock) = ReadBothWays(log);

        // Then reading the block gives what reading line by line gives, events and skipped lines alike
        Assert.NotEmpty(byLine.Events);
        Assert.Equal(byLine.Events, byBlock.Events);
        Assert.Equal(byLine.Statistics, byBlock.Statistics);
    }

    [Fact]
    public void Parse_SessionReopenedOnALineOfAnotherHeaderShape_StillReportsItsCleartextDelivery()
    {
        // Given a process whose TLS session ends and whose next session, opened on a line with a
        // syslog priority (read by the general parser), delivers without TLS after its organisation
        // failed a handshake
        string[] log =
        [
            "Nov  1 00:00:01 mx postfix/smtpd[9]: connect from a.example.com[192.0.2.1]",
            "Nov  1 00:00:01 mx postfix/smtpd[9]: SSL_accept error from a.example.com[192.0.2.1]: -1",
            "Nov  1 00:00:01 mx postfix/smtpd[9]: disconnect from a.example.com[192.0.2.1] ehlo=1 starttls=0/1 commands=1/2",
            "Nov  1 00:00:02 mx postfix/smtpd[7]: connect from b.example.com[192.0.2.2]",
            "Nov  1 00:00:02 mx postfix/smtpd[7]: Anonymous TLS connection established from b.example.com[192.0.2.2]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "<22>Nov  1 00:00:03 mx postfix/smtpd[7]: connect from c.example.com[192.0.2.3]",
            "Nov  1 00:00:03 mx postfix/smtpd[7]: 0000000003: client=c.example.com[192.0.2.3]",
            "Nov  1 00:00:04 mx postfix/smtpd[7]: disconnect from c.example.com[192.0.2.3] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5",
        ];
        var (byLine, byBlock) = ReadBothWays(log);

        // Then read as one block it gives what line-by-line reading gives: the cleartext delivery
        Assert.Equal(7, Assert.Single(byLine.CleartextDeliveries).Location.Line);
        Assert.Equal(byLine.CleartextDeliveries, byBlock.CleartextDeliveries);
        Assert.Equal(byLine.Events, byBlock.Events);
    }

    /// <summary>Reads the log line by line, and as one block parsed with the block extractor's own options.</summary>
    private static (TlsEventExtractor ByLine, TlsEventExtractor ByBlock) ReadBothWays(string[] log)
    {
        var options = new LogParseOptions { ReferenceDate = Reference };
        var byLine = new TlsEventExtractor(options);
        for (var i = 0; i < log.Length; i++)
        {
            byLine.Add("mail.log", i + 1, log[i]);
        }

        byLine.Complete();
        var byBlock = new TlsEventExtractor(options);
        byBlock.Add("mail.log", 1, LogBlockParser.Parse(Encoding.UTF8.GetBytes(string.Join('\n', log)), byBlock.Options));
        byBlock.Complete();
        return (byLine, byBlock);
    }
}
