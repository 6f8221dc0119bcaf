using MailTls.Core.Postfix;
using Xunit;

namespace MailTls.Core.Tests.Postfix;

public class CipherListBuilderTests
{
    private const string ScenarioOneMainCf = """
        smtpd_use_tls=yes
        smtpd_tls_security_level = may
        smtpd_tls_mandatory_protocols = !SSLv2,!SSLv3,!TLSv1,!TLSv1.1
        smtpd_tls_exclude_ciphers = aNULL, DES, 3DES, MD5, DES+MD5, RC4, RC4-MD5
        smtpd_tls_protocols=!SSLv2,!TLSv1,!TLSv1.1,!SSLv3
        smtpd_tls_mandatory_ciphers = medium
        tls_medium_cipherlist = AES256+EECDH:AES256+EDH
        """;

    [Fact]
    public void ForSmtpd_ScenarioOne_ReproducesTheLoggedCipherList()
    {
        // Given scenario 1's main.cf on its Postfix 2.9.6 built with OpenSSL 1.0.1e
        var version = new PostfixVersion(2, 9, 6);
        var config = new PostfixConfiguration(MainCfFile.Parse(ScenarioOneMainCf, "main.cf"), null, PostfixDefaults.For(version, new Version(1, 0, 1)));

        // When the inbound cipher string is built for port 25 at level may
        var result = CipherListBuilder.ForSmtpd(config, null, enforced: false, version);

        // Then it is exactly what smtpd logged, less the " " the published log inserted in @STRENGTH,
        // and the grade in force is export, so tls_medium_cipherlist is not used at all
        Assert.Equal("aNULL:-aNULL:ALL:+RC4:@STRENGTH:!aNULL:!DES:!3DES:!MD5:!DES+MD5:!RC4:!RC4-MD5", result.CipherString);
        Assert.Equal("export", result.Grade);
    }

    [Fact]
    public void ForSmtpd_Enforced_UsesMandatoryGradeAndExclusions()
    {
        // Given enforced TLS with a mandatory exclusion and client certificates required
        var main = "smtpd_tls_mandatory_ciphers = high\nsmtpd_tls_exclude_ciphers = RC4\nsmtpd_tls_mandatory_exclude_ciphers = 3DES\nsmtpd_tls_req_ccert = yes\n";
        var version = new PostfixVersion(3, 7, 11);
        var config = new PostfixConfiguration(MainCfFile.Parse(main, "main.cf"), null, PostfixDefaults.For(version, new Version(3, 0, 15)));

        // When built for an enforcing service
        var result = CipherListBuilder.ForSmtpd(config, null, enforced: true, version);

        // Then the order is base, exclusions, mandatory exclusions, then aNULL for client certificates
        Assert.Equal("aNULL:-aNULL:HIGH:@STRENGTH:!RC4:!3DES:!aNULL", result.CipherString);
    }

    [Theory]
    [InlineData("smtpd_tls_ciphers = strong\n", "invalid cipher grade: \"strong\"")]
    [InlineData("smtpd_tls_exclude_ciphers = !RC4\n", "invalid unary '!+-@' in cipher exclusion: \"!RC4\"")]
    [InlineData("tls_medium_cipherlist =\n", "empty value for tls_medium_cipherlist")]
    public void ForSmtpd_Broken_ReportsPostfixProblem(string main, string problem)
    {
        // Given a setting Postfix refuses
        var version = new PostfixVersion(3, 7, 11);
        var config = new PostfixConfiguration(MainCfFile.Parse(main, "main.cf"), null, PostfixDefaults.For(version, new Version(3, 0, 15)));

        // When built
        var result = CipherListBuilder.ForSmtpd(config, null, enforced: false, version);

        // Then no string, and Postfix's reason
        Assert.Null(result.CipherString);
        Assert.StartsWith(problem, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ForSmtpd_ExportGradeOn38_MeansMedium()
    {
        // Given the retired export grade on 3.8
        var version = new PostfixVersion(3, 8, 0);
        var config = new PostfixConfiguration(MainCfFile.Parse("smtpd_tls_ciphers = export\n", "main.cf"), null, PostfixDefaults.For(version, new Version(3, 0, 15)));

        // When built, Then medium is used
        Assert.Equal("medium", CipherListBuilder.ForSmtpd(config, null, enforced: false, version).Grade);
    }
}
