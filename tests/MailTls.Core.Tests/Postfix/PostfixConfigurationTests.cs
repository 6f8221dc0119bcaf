using MailTls.Core.Postfix;
using Xunit;

namespace MailTls.Core.Tests.Postfix;

public class PostfixConfigurationTests
{
    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["smtpd_tls_security_level"] = "",
        ["smtpd_tls_protocols"] = ">=TLSv1",
        ["smtpd_tls_mandatory_protocols"] = "$smtpd_tls_protocols",
        ["myhostname"] = "host.invalid",
    };

    [Fact]
    public void Resolve_ServiceOverride_WinsOverMainCfAndDefault()
    {
        // Given main.cf at "may" and a submission service forcing "encrypt"
        var main = MainCfFile.Parse("smtpd_tls_security_level = may\n", "main.cf");
        var master = MasterCfFile.Parse("submission inet n - y - - smtpd\n  -o smtpd_tls_security_level=encrypt\n", "master.cf");
        var config = new PostfixConfiguration(main, master, Defaults);

        // When the level is resolved for port 25 (main.cf) and for submission
        var global = config.Resolve("smtpd_tls_security_level");
        var submission = config.Resolve("smtpd_tls_security_level", master.Services[0]);

        // Then each cites the layer and line that set it
        Assert.Equal(("may", ParameterSource.MainCf, 1), (global.Value, global.Source, global.Location!.Line));
        Assert.Equal(("encrypt", ParameterSource.MasterCfOverride, 2), (submission.Value, submission.Source, submission.Location!.Line));
    }

    [Fact]
    public void Resolve_DefaultReferringToOverride_SeesTheOverride()
    {
        // Given a default that refers to another parameter overridden for one service
        var main = MainCfFile.Parse(string.Empty, "main.cf");
        var master = MasterCfFile.Parse("smtps inet n - y - - smtpd -o smtpd_tls_protocols=TLSv1.2\n", "master.cf");
        var config = new PostfixConfiguration(main, master, Defaults);

        // When the mandatory list is resolved for that service
        var resolved = config.Resolve("smtpd_tls_mandatory_protocols", master.Services[0]);

        // Then the default's reference sees the service's value, as the daemon would
        Assert.Equal(ParameterSource.Default, resolved.Source);
        Assert.Equal("$smtpd_tls_protocols", resolved.RawValue);
        Assert.Equal("TLSv1.2", resolved.Value);
        Assert.Null(resolved.Location);
    }

    [Fact]
    public void Resolve_UnknownName_IsEmptyAndMarkedUnknown()
    {
        // Given a name neither set nor defaulted
        var config = new PostfixConfiguration(MainCfFile.Parse(string.Empty, "main.cf"), null, Defaults);

        // When resolved
        var resolved = config.Resolve("smtpd_tls_no_such_thing");

        // Then it is empty and says so
        Assert.Equal(ParameterSource.Unknown, resolved.Source);
        Assert.Equal(string.Empty, resolved.Value);
    }
}
