using MailTls.Core.Postfix;
using Xunit;

namespace MailTls.Core.Tests.Postfix;

public class MainCfFileTests
{
    [Fact]
    public void Parse_ScenarioOneExcerpt_ReadsEveryParameterWithItsLine()
    {
        // Given main.cf as published in scenario 1 (spaces around '=' vary)
        const string text = """
            smtpd_use_tls=yes
            smtpd_tls_security_level = may
            smtpd_tls_protocols=!SSLv2,!TLSv1,!TLSv1.1,!SSLv3
            tls_medium_cipherlist = AES256+EECDH:AES256+EDH
            """;

        // When it is parsed
        var file = MainCfFile.Parse(text, "/etc/postfix/main.cf");

        // Then each value is read as written and cited with its line
        Assert.Empty(file.Problems);
        Assert.Equal("!SSLv2,!TLSv1,!TLSv1.1,!SSLv3", file.Effective["smtpd_tls_protocols"].Value);
        Assert.Equal("/etc/postfix/main.cf:3", file.Effective["smtpd_tls_protocols"].Location.ToString());
        Assert.Equal("yes", file.Effective["smtpd_use_tls"].Value);
        Assert.Equal(4, file.Entries.Count);
    }

    [Fact]
    public void Parse_ContinuationAndComments_JoinsWithOneSpace()
    {
        // Given a value continued over lines, with a comment line in between and CRLF endings
        const string text = "smtpd_tls_protocols = x\r\n continued\r\n  # comment inside\r\n   more   \r\n# last\r\n";

        // When it is parsed
        var file = MainCfFile.Parse(text, "main.cf");

        // Then the continuation is joined as postconf prints it, and comments are skipped
        var entry = Assert.Single(file.Entries);
        Assert.Equal("x continued more", entry.Value);
        Assert.Equal(1, entry.Location.Line);
    }

    [Fact]
    public void Parse_HashInsideValue_IsPartOfValue()
    {
        // Given a '#' after a value (main.cf has no trailing comments)
        var file = MainCfFile.Parse("smtpd_banner = $myhostname # not a comment", "main.cf");

        // Then it stays in the value
        Assert.Equal("$myhostname # not a comment", file.Effective["smtpd_banner"].Value);
    }

    [Fact]
    public void Parse_DuplicateName_LastWinsAndBothKept()
    {
        // Given a parameter defined twice
        var file = MainCfFile.Parse("smtpd_tls_security_level = may\nsmtpd_tls_security_level = encrypt\n", "main.cf");

        // Then the last one takes effect, and the first is still known for lint
        Assert.Equal("encrypt", file.Effective["smtpd_tls_security_level"].Value);
        Assert.Equal(2, file.Effective["smtpd_tls_security_level"].Location.Line);
        Assert.Equal(2, file.Entries.Count);
    }

    [Theory]
    [InlineData("bad line without equals", "missing '=' after attribute name")]
    [InlineData("= novalue", "missing attribute name")]
    [InlineData("two words = x", "missing '=' after attribute name")]
    public void Parse_BrokenLine_ReportsPostfixWording(string line, string expected)
    {
        // Given a line postconf refuses, between two good ones
        var file = MainCfFile.Parse($"a = 1\n{line}\nb = 2\n", "main.cf");

        // Then the problem is reported at its line with postconf's wording, and the rest is read
        var problem = Assert.Single(file.Problems);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal(2, problem.Location!.Line);
        Assert.Equal(["a", "b"], file.Entries.Select(e => e.Name));
    }

    [Fact]
    public void Parse_LeadingContinuation_IsReportedNotLost()
    {
        // Given a file that starts with an indented line
        var file = MainCfFile.Parse("  a = 1\n", "main.cf");

        // Then it is read, with a warning
        Assert.Equal("1", file.Effective["a"].Value);
        Assert.Contains("continuation line", Assert.Single(file.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BinaryJunk_NeverThrows()
    {
        // Given bytes that are not a configuration at all
        var junk = new string(Enumerable.Range(0, 4096).Select(i => (char)((i * 7919) % 65536)).ToArray());

        // When they are parsed
        var file = MainCfFile.Parse(junk, "main.cf");

        // Then the parser returns (with problems) instead of throwing
        Assert.NotNull(file);
    }

    [Fact]
    public void Parse_HugeContinuation_IsBounded()
    {
        // Given a logical line far longer than the limit
        var text = "a = x\n" + string.Concat(Enumerable.Repeat(" " + new string('y', 1000) + "\n", 2000));

        // When it is parsed
        var file = MainCfFile.Parse(text, "main.cf");

        // Then the value stops at the limit and the truncation is reported
        Assert.True(file.Effective["a"].Value.Length <= MainCfFile.MaxLogicalLineLength);
        Assert.NotEmpty(file.Problems);
    }
}
