using MailTls.Core.Logs;
using Xunit;

namespace MailTls.Core.Tests.Logs;

public class JournalJsonLineTests
{
    private const string Entry = """{"__REALTIME_TIMESTAMP":"1734606551000000","_HOSTNAME":"server","SYSLOG_IDENTIFIER":"postfix/smtpd","_PID":"19878","MESSAGE":"SSL_accept error from mail-wi0-x230.google.com[2a00:1450:400c:c05::230]: -1"}""";

    [Fact]
    public void TryConvert_JournalEntry_BecomesRfc3339SyslogLine()
    {
        // Given a journalctl -o json entry
        // When converted
        var ok = JournalJsonLine.TryConvert(Entry, out var line);

        // Then it reads as the syslog line rsyslog would have written, and the parser accepts it
        Assert.True(ok);
        Assert.Equal("2024-12-19T11:09:11.000000+00:00 server postfix/smtpd[19878]: SSL_accept error from mail-wi0-x230.google.com[2a00:1450:400c:c05::230]: -1", line);
        Assert.Equal(ParseStatus.Done, LogLineParser.TryParse(line, new LogParseOptions { ReferenceDate = new DateTime(2025, 1, 1) }, out var parsed, out _));
        Assert.Equal("postfix/smtpd", parsed.Program.ToString());
    }

    [Fact]
    public void TryConvert_ByteArrayMessage_DecodedWithReplacement()
    {
        // Given a message journald stored as bytes because it is not valid UTF-8
        var entry = """{"SYSLOG_IDENTIFIER":"postfix/smtpd","MESSAGE":[104,105,255]}""";

        // When converted
        Assert.True(JournalJsonLine.TryConvert(entry, out var line));

        // Then the bad byte becomes U+FFFD
        Assert.Equal("postfix/smtpd: hi\uFFFD", line);
    }

    [Theory]
    [InlineData("Dec 19 11:09:11 server postfix/smtpd[1]: connect from x[1.2.3.4]")]
    [InlineData("{not json")]
    [InlineData("{\"MESSAGE\":42}")]
    [InlineData("{\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\"}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}")]
    public void TryConvert_NotAJournalEntry_LeftAlone(string text)
    {
        // Given a plain syslog line, broken JSON, or JSON without a usable MESSAGE
        // When / Then it is not converted and nothing throws
        Assert.False(JournalJsonLine.TryConvert(text, out _));
    }
}
