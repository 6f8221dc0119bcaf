using System.Text;
using MailTls.Core;
using MailTls.Core.Logs;
using Xunit;

namespace MailTls.Core.Tests.Logs;

/// <summary>
/// The byte-level filter may only drop lines the full parser would also drop: a header that parses
/// and a program <see cref="MtaProgram.Identify"/> does not know. The full parser is the oracle.
/// </summary>
public class OtherProgramFilterTests
{
    private static readonly DateTime Reference = new(2026, 11, 23);

    public static TheoryData<string> Lines => new()
    {
        "Nov  1 00:00:01 mx postfix/qmgr[900]: 0000000001: removed",
        "Nov  1 00:00:01 mx postfix/cleanup[1002]: 0000000001: message-id=<1@web.de>",
        "Nov 11 23:59:59 mx postfix-out/local[3]: 0000000001: to=<a@b>, relay=local, status=sent",
        "2026-11-01T00:00:01.123456+01:00 mx postfix/qmgr[900]: 0000000001: removed",
        "2026-11-01T00:00:01Z mx postfix/pickup[12]: x",
        "Nov  1 00:00:01 mx postfix/smtpd[1001]: connect from a.example[192.0.2.1]",
        "Nov  1 00:00:01 mx postfix/smtp[1001]: Verified TLS connection established to b.example[192.0.2.2]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
        "Nov  1 00:00:01 mx postfix-out/smtp[7]: x",
        "Nov  1 00:00:01 mx sm-mta[7]: STARTTLS=server, relay=a, version=TLSv1.3, verify=NO",
        "Nov  1 00:00:01 mx exim[7]: x",
        "Nov  1 00:00:01 mx dovecot/imap-login[7]: x",
        "Nov  1 00:00:01 mx other/imap-login[7]: x",
        "Nov  1 00:00:01 mx kernel[0]: x",
        "Feb 30 00:00:01 mx postfix/qmgr[900]: impossible date",
        "Nox  1 00:00:01 mx postfix/qmgr[900]: bad month",
        "Nov  1 25:00:01 mx postfix/qmgr[900]: bad hour",
        "2026-13-01T00:00:01Z mx postfix/qmgr[900]: bad month",
        "Nov  1 00:00:01 postfix/qmgr[900]: no host",
        "Nov  1 00:00:01  mx postfix/qmgr[900]: two spaces",
        "Nov  1 00:00:01 mx postfix/qmgr[9x0]: bad pid",
        "Nov  1 00:00:01 mx postfix/qmgr[900] no colon",
        "Nov  1 00:00:01 mx postfix/qmgr:",
        "Nov  1 00:00:01 mx pöstfix/qmgr[900]: not ASCII",
        "<22>Nov  1 00:00:01 mx postfix/qmgr[900]: with PRI",
        "mailserver  | Nov  1 00:00:01 mx postfix/qmgr[900]: container",
        "{\"MESSAGE\":\"x\"}",
        "Nov  1 00:00:01",
        "",
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void IsOtherProgram_OnlyForLinesTheFullParserDrops(string text)
    {
        // Given one line, as bytes and as the full parser sees it
        var filter = new OtherProgramFilter(Reference);
        var options = new LogParseOptions { ReferenceDate = Reference };
        var parsed = LogLineParser.TryParse(text, options, out var line, out _) == ParseStatus.Done;
        var dropped = parsed && MtaProgram.Identify(line.Program, out _) is null;

        // When the filter looks at the bytes
        var filtered = filter.IsOtherProgram(Encoding.UTF8.GetBytes(text));

        // Then it never drops a line the parser keeps or cannot parse
        Assert.False(filtered && !dropped, $"filtered a line the parser keeps or rejects: {text}");
    }

    [Fact]
    public void IsOtherProgram_DropsTheCommonNonTlsPostfixLines()
    {
        // Given the commonest non-TLS Postfix lines, twice with the same timestamp (the cached path)
        var filter = new OtherProgramFilter(Reference);
        string[] lines =
        [
            "Nov  1 00:00:01 mx postfix/qmgr[900]: 0000000001: removed",
            "Nov  1 00:00:01 mx postfix/cleanup[1002]: 0000000001: message-id=<1@web.de>",
            "2026-11-01T00:00:01.123456+01:00 mx postfix/local[3]: 0000000001: to=<a@b>, status=sent",
        ];

        // Then each is recognised, so it skips decoding and header parsing
        foreach (var text in lines.Concat(lines))
        {
            Assert.True(filter.IsOtherProgram(Encoding.UTF8.GetBytes(text)), text);
        }
    }

    [Fact]
    public void IsOtherProgram_RechecksATimestampThatChanged()
    {
        // Given a valid line, then one whose timestamp differs and is invalid
        var filter = new OtherProgramFilter(Reference);
        Assert.True(filter.IsOtherProgram("Nov  1 00:00:01 mx postfix/qmgr[900]: x"u8));

        // Then the cached timestamp does not vouch for the new one
        Assert.False(filter.IsOtherProgram("Nov 31 00:00:01 mx postfix/qmgr[900]: x"u8));
    }
}
