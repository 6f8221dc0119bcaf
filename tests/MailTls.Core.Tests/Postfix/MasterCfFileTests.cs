using MailTls.Core.Postfix;
using Xunit;

namespace MailTls.Core.Tests.Postfix;

public class MasterCfFileTests
{
    private const string Sample = """
        # service type  private unpriv  chroot  wakeup  maxproc command + args
        smtp      inet  n       -       y       -       -       smtpd
        submission inet n       -       y       -       -       smtpd
          -o syslog_name=postfix/submission
          -o smtpd_tls_security_level=encrypt
          -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }
        smtps     inet  n       -       y       -       -       smtpd
          -o smtpd_tls_wrappermode=yes -osmtpd_sasl_auth_enable=yes
        127.0.0.1:10025 inet n  -       n       -       -       smtpd -v
        tlsmgr    unix  -       -       y       1000?   1       tlsmgr
        """;

    [Fact]
    public void Parse_Services_ReadsNameTypeCommandAndOverrides()
    {
        // Given a master.cf with submission and smtps services
        // When it is parsed
        var file = MasterCfFile.Parse(Sample, "/etc/postfix/master.cf");

        // Then every service is read with its overrides and their own lines
        Assert.Empty(file.Problems);
        Assert.Equal(["smtp/inet", "submission/inet", "smtps/inet", "127.0.0.1:10025/inet", "tlsmgr/unix"], file.Services.Select(s => s.Key));
        var submission = file.Services[1];
        Assert.Equal("smtpd", submission.Command);
        Assert.Equal("encrypt", submission.FindOverride("smtpd_tls_security_level")!.Value);
        Assert.Equal(5, submission.FindOverride("smtpd_tls_security_level")!.Location.Line);
        Assert.Equal("permit_sasl_authenticated, reject", submission.FindOverride("smtpd_client_restrictions")!.Value);
        Assert.Equal(6, submission.FindOverride("smtpd_client_restrictions")!.Location.Line);
    }

    [Fact]
    public void Parse_JoinedOverrideAndArguments_AreSeparated()
    {
        // Given "-oname=value" written without a space, and a plain argument
        var file = MasterCfFile.Parse(Sample, "master.cf");

        // Then both override forms are read and "-v" stays an argument
        Assert.Equal("yes", file.Services[2].FindOverride("smtpd_sasl_auth_enable")!.Value);
        Assert.Equal("yes", file.Services[2].FindOverride("smtpd_tls_wrappermode")!.Value);
        Assert.Equal(["-v"], file.Services[3].Arguments);
        Assert.Empty(file.Services[3].Overrides);
    }

    [Theory]
    [InlineData("smtp inet n - y - -", "expected at least 8 fields")]
    [InlineData("smtp inet n - y - - smtpd -o", "-o without")]
    [InlineData("smtp inet n - y - - smtpd -o novalue", "missing '='")]
    [InlineData("smtp inet n - y - - smtpd -o { a = b", "without a matching")]
    public void Parse_BrokenService_ReportsProblemAtLine(string line, string expected)
    {
        // Given a broken service line after a comment
        var file = MasterCfFile.Parse($"# header\n{line}\n", "master.cf");

        // Then the problem names the line
        var problem = Assert.Single(file.Problems);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal(2, problem.Location!.Line);
    }
}
