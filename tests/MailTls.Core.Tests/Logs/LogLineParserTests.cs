using MailTls.Core.Logs;
using MailTls.Core;
using Xunit;

namespace MailTls.Core.Tests.Logs;

public class LogLineParserTests
{
    private static readonly LogParseOptions Options = new() { ReferenceDate = new DateTime(2024, 6, 1) };

    private const string GmailLibraryLine =
        "Dec 19 11:09:11 server postfix/smtpd[19878]: warning: TLS library problem: 19878:error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol:s23_srvr.c:647:";

    [Fact]
    public void TryParse_BsdSyslogLine_SplitsHeaderAndInfersYear()
    {
        // Given a BSD syslog line from scenario 1, read in June 2024
        // When it is parsed
        var status = LogLineParser.TryParse(GmailLibraryLine, Options, out var line, out var error);

        // Then header fields are split and December lies in the previous year (not in the future)
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(LogLineError.None, error);
        Assert.Equal(LogPrefixFormat.Bsd, line.Format);
        Assert.Equal(new DateTime(2023, 12, 19, 11, 9, 11), line.Timestamp!.Value.Wallclock);
        Assert.Null(line.Timestamp.Value.Offset);
        Assert.Equal("server", line.Host.ToString());
        Assert.Equal("postfix/smtpd", line.Program.ToString());
        Assert.Equal(19878, line.Pid);
        Assert.StartsWith("warning: TLS library problem:", line.Message.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dec 31 23:59:59 h postfix/smtpd[1]: x", 2025, 1, 1, 2024)]
    [InlineData("Jan  1 00:00:01 h postfix/smtpd[1]: x", 2025, 1, 1, 2025)]
    [InlineData("Jan  2 00:00:00 h postfix/smtpd[1]: x", 2025, 1, 1, 2025)]
    [InlineData("Jan  2 00:00:01 h postfix/smtpd[1]: x", 2025, 1, 1, 2024)]
    [InlineData("Jan  3 00:00:01 h postfix/smtpd[1]: x", 2025, 1, 1, 2024)]
    [InlineData("Feb 29 10:00:00 h postfix/smtpd[1]: x", 2025, 3, 1, 2024)]
    public void TryParse_BsdAcrossYearBoundary_PicksLatestYearNotInFuture(string text, int refYear, int refMonth, int refDay, int expectedYear)
    {
        // Given a reference date (file mtime) just after a year boundary
        var options = new LogParseOptions { ReferenceDate = new DateTime(refYear, refMonth, refDay) };

        // When the line is parsed
        var status = LogLineParser.TryParse(text, options, out var line, out _);

        // Then the year is the latest one that does not put the line more than a day in the future
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(expectedYear, line.Timestamp!.Value.Wallclock.Year);
    }

    [Fact]
    public void TryParse_HighPrecisionRsyslog_ReadsFractionAndOffset()
    {
        // Given an rsyslog RSYSLOG_FileFormat line
        const string Text = "2024-01-02T03:04:05.123456+01:00 mx1 postfix/smtp[4242]: Verified TLS connection established to a[1.2.3.4]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)";

        // When it is parsed
        var status = LogLineParser.TryParse(Text, Options, out var line, out _);

        // Then the timestamp keeps microseconds and the offset
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(LogPrefixFormat.Rfc3339, line.Format);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)).AddTicks(1234560), line.Timestamp!.Value.ToDateTimeOffset());
        Assert.Equal("mx1", line.Host.ToString());
        Assert.Equal("postfix/smtp", line.Program.ToString());
        Assert.Equal(4242, line.Pid);
    }

    [Fact]
    public void TryParse_JournalctlShortIso_ReadsOffsetWithoutColon()
    {
        // Given `journalctl -o short-iso` output, whose offset is +hhmm
        const string Text = "2024-03-10T14:22:01+0100 mail postfix/smtpd[811]: connect from unknown[192.0.2.7]";

        // When it is parsed
        var status = LogLineParser.TryParse(Text, Options, out var line, out _);

        // Then the offset is read
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(TimeSpan.FromHours(1), line.Timestamp!.Value.Offset);
        Assert.Equal("connect from unknown[192.0.2.7]", line.Message.ToString());
    }

    [Fact]
    public void TryParse_Rfc5424WithStructuredData_ReadsAppProcIdAndMessage()
    {
        // Given an RFC 5424 line with structured data containing an escaped bracket
        const string Text = "<22>1 2024-01-02T03:04:05.1Z mx1 postfix/smtpd 123 - [meta x=\"a\\]b\"] lost connection after STARTTLS from a[192.0.2.1]";

        // When it is parsed
        var status = LogLineParser.TryParse(Text, Options, out var line, out _);

        // Then the header fields and message are split
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(LogPrefixFormat.Rfc5424, line.Format);
        Assert.Equal(TimeSpan.Zero, line.Timestamp!.Value.Offset);
        Assert.Equal("postfix/smtpd", line.Program.ToString());
        Assert.Equal(123, line.Pid);
        Assert.Equal("lost connection after STARTTLS from a[192.0.2.1]", line.Message.ToString());
    }

    [Fact]
    public void TryParse_Rfc5424WithNilFields_LeavesThemEmpty()
    {
        // Given an RFC 5424 line with nil timestamp, host and procid
        const string Text = "<22>1 - - postfix/smtpd - - - hello";

        // When it is parsed
        var status = LogLineParser.TryParse(Text, Options, out var line, out _);

        // Then nil fields are empty and the message survives
        Assert.Equal(ParseStatus.Done, status);
        Assert.Null(line.Timestamp);
        Assert.True(line.Host.IsEmpty);
        Assert.Equal(-1, line.Pid);
        Assert.Equal("hello", line.Message.ToString());
    }

    [Theory]
    [InlineData("postfix/smtpd[123]: connect from a[192.0.2.1]", "")]
    [InlineData("server1 postfix/smtpd[1451]: SSL_accept error from mta.email.bbc.com[198.245.84.99]: -1", "server1")]
    public void TryParse_NoTimestamp_ReadsTagWithOrWithoutHost(string text, string host)
    {
        // Given lines with no timestamp (trimmed excerpts, as in scenario 2)
        // When parsed
        var status = LogLineParser.TryParse(text, Options, out var line, out _);

        // Then the tag is found and there is no timestamp
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(LogPrefixFormat.None, line.Format);
        Assert.Null(line.Timestamp);
        Assert.Equal(host, line.Host.ToString());
        Assert.Equal("postfix/smtpd", line.Program.ToString());
    }

    [Fact]
    public void TryParse_DockerComposePrefix_StripsContainerName()
    {
        // Given docker-compose output (docker-mailserver)
        const string Text = "mailserver  | Dec 19 11:09:11 mail postfix/smtpd[77]: disconnect from a[192.0.2.1] ehlo=1 starttls=0/1 commands=1/2";

        // When parsed
        var status = LogLineParser.TryParse(Text, Options, out var line, out _);

        // Then the container is recorded and the syslog line is read normally
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal("mailserver", line.Container.ToString());
        Assert.Equal(LogPrefixFormat.Bsd, line.Format);
        Assert.Equal(77, line.Pid);
    }

    [Fact]
    public void TryParse_PriorityBeforeBsdHeader_IsSkipped()
    {
        // Given an RFC 3164 line that kept its PRI
        const string Text = "<22>Dec 19 11:09:11 mail postfix/smtpd[77]: connect from a[192.0.2.1]";

        // When parsed
        var status = LogLineParser.TryParse(Text, Options, out var line, out _);

        // Then the BSD header is read after it
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(LogPrefixFormat.Bsd, line.Format);
        Assert.Equal("mail", line.Host.ToString());
    }

    [Theory]
    [InlineData("", LogLineError.Empty)]
    [InlineData("   ", LogLineError.Empty)]
    [InlineData("Dec 19 11:09:11 server just some words without a tag", LogLineError.NoTag)]
    [InlineData("\u0000\u0001\u0002\u00ff\ufffd\ufffd binary", LogLineError.NoTag)]
    [InlineData("\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd", LogLineError.NoTag)]
    [InlineData("<22>1 2024-01-02T03:04:05Z host", LogLineError.BadRfc5424Header)]
    [InlineData("<22>1 2024-01-02T03:04:05Z h a p m [unterminated", LogLineError.BadRfc5424Header)]
    [InlineData("prog[12a]: x", LogLineError.NoTag)]
    public void TryParse_Malformed_ReturnsInvalidWithReason(string text, LogLineError expected)
    {
        // Given a malformed line
        // When parsed
        var status = LogLineParser.TryParse(text, Options, out _, out var error);

        // Then it is rejected with the reason, not an exception
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("Feb 30 11:09:11 h postfix/smtpd[1]: x")]
    [InlineData("2024-02-30T11:09:11Z h postfix/smtpd[1]: x")]
    [InlineData("2024-13-01T11:09:11Z h postfix/smtpd[1]: x")]
    [InlineData("2024-01-01T25:09:11Z h postfix/smtpd[1]: x")]
    [InlineData("2024-01-01T11:09:11+99:00 h postfix/smtpd[1]: x")]
    public void TryParse_ImpossibleDate_IsNotTakenAsTimestamp(string text)
    {
        // Given a line whose timestamp names an impossible date or offset
        // When parsed
        LogLineParser.TryParse(text, Options, out var line, out _);

        // Then no timestamp is produced (no DateTime exception escapes)
        Assert.Null(line.Timestamp);
    }

    [Fact]
    public void TryParse_TenMegabyteLine_IsRejectedAsTooLong()
    {
        // Given a 10 MB line
        var text = new string('A', 10 * 1024 * 1024);

        // When parsed
        var status = LogLineParser.TryParse(text, Options, out _, out var error);

        // Then it is skipped without being scanned
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(LogLineError.TooLong, error);
    }

    public static TheoryData<string> LinesToTruncate() =>
    [
        GmailLibraryLine,
        "<22>1 2024-01-02T03:04:05.123456+01:00 mx1 postfix/smtpd 123 - [a b=\"c\"] SSL_accept error from a[192.0.2.1]: -1",
        "mailserver  | 2024-03-10T14:22:01+0100 mail postfix/smtpd[811]: connect from unknown[192.0.2.7]",
    ];

    [Theory]
    [MemberData(nameof(LinesToTruncate))]
    public void TryParse_TruncatedAtEveryOffset_NeverThrows(string text)
    {
        for (var length = 0; length <= text.Length; length++)
        {
            // Given the line cut at this offset
            var cut = text[..length];

            // When parsed
            var status = LogLineParser.TryParse(cut, Options, out var line, out var error);

            // Then it is either understood or rejected with a reason; never an exception
            Assert.True(status == ParseStatus.Done ? error == LogLineError.None : error != LogLineError.None, $"offset {length}");
            if (status == ParseStatus.Done)
            {
                Assert.False(line.Program.IsEmpty && line.Format != LogPrefixFormat.Rfc5424, $"offset {length}");
            }
        }
    }
}
