using MailTls.Core.Postfix;
using Xunit;

namespace MailTls.Core.Tests.Postfix;

/// <summary>
/// The generated defaults table against the release history researched independently in
/// shared/reference/postfix-tls-semantics.md (sections 1.2 and 2.2) and postconf(5).
/// </summary>
public class PostfixParameterTableTests
{
    private static readonly Version OpenSsl098 = new(0, 9, 8);
    private static readonly Version OpenSsl101 = new(1, 0, 1);
    private static readonly Version OpenSsl3 = new(3, 0, 15);

    [Theory]
    [InlineData("2.6.6", "", "SSLv3, TLSv1", "!SSLv2", "export")]
    [InlineData("2.6.15", "", "!SSLv2", "!SSLv2", "export")]
    [InlineData("2.9.6", "", "!SSLv2", "!SSLv2", "export")]
    [InlineData("2.9.14", "!SSLv2, !SSLv3", "!SSLv2, !SSLv3", "!SSLv2, !SSLv3", "medium")]
    [InlineData("2.10.0", "", "!SSLv2", "!SSLv2", "export")]
    [InlineData("2.11.6", "!SSLv2, !SSLv3", "!SSLv2, !SSLv3", "!SSLv2, !SSLv3", "medium")]
    [InlineData("3.0.1", "", "!SSLv2", "!SSLv2", "export")]
    [InlineData("3.0.2", "!SSLv2, !SSLv3", "!SSLv2, !SSLv3", "!SSLv2, !SSLv3", "medium")]
    [InlineData("3.6.0", ">=TLSv1", ">=TLSv1", ">=TLSv1", "medium")]
    public void DefaultsFor_ProtocolAndGradeHistory_MatchesThePatchReleasesThatChangedThem(
        string release, string smtpdProtocols, string smtpdMandatory, string smtpProtocols, string grade)
    {
        // Given a release on either side of the 2013 and 2015 default changes
        Assert.True(PostfixVersion.TryParse(release, out var version));

        // When its defaults are looked up
        var d = PostfixParameterTable.DefaultsFor(version, OpenSsl101);

        // Then the protocol lists and the opportunistic grade are that release's
        Assert.Equal(smtpdProtocols, d["smtpd_tls_protocols"]);
        Assert.Equal(smtpdMandatory, d["smtpd_tls_mandatory_protocols"]);
        Assert.Equal(smtpProtocols, d["smtp_tls_protocols"]);
        Assert.Equal(grade, d["smtpd_tls_ciphers"]);
        Assert.Equal(grade, d["lmtp_tls_ciphers"]);
    }

    [Fact]
    public void DefaultsFor_PreferAnullPrefix_DependsOnReleaseAndOpenSsl()
    {
        // Given releases before and after 2.6.7, and 3.4 which always adds it
        // When the medium cipher list is looked up for OpenSSL 0.9.8 and 1.0.1 builds
        string Medium(string release, Version openSsl) =>
            PostfixParameterTable.DefaultsFor(Parse(release), openSsl)["tls_medium_cipherlist"];

        // Then the aNULL:-aNULL: prefix appears only from 2.6.7 with OpenSSL 1.0.0+, and always from 3.4
        Assert.Equal("ALL:!EXPORT:!LOW:+RC4:@STRENGTH", Medium("2.6.6", OpenSsl101));
        Assert.Equal("ALL:!EXPORT:!LOW:+RC4:@STRENGTH", Medium("2.6.7", OpenSsl098));
        Assert.Equal("aNULL:-aNULL:ALL:!EXPORT:!LOW:+RC4:@STRENGTH", Medium("2.6.7", OpenSsl101));
        Assert.Equal("ALL:!EXPORT:!LOW:+RC4:@STRENGTH", Medium("2.7.0", OpenSsl101));
        Assert.Equal("aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH", Medium("3.1.0", OpenSsl101));
        Assert.Equal("aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH", Medium("3.4.0", OpenSsl3));
        Assert.Equal("aNULL:-aNULL:HIGH:MEDIUM:!SEED:!IDEA:!3DES:!RC2:!RC4:!RC5:!kDH:!kECDH:!aDSS:!MD5:+RC4:@STRENGTH", Medium("3.8.0", OpenSsl3));
    }

    [Theory]
    [InlineData("2.7.0", "1.0.1", "none")]
    [InlineData("2.8.0", "1.0.1", "strong")]
    [InlineData("3.2.0", "1.0.1", "strong")]
    [InlineData("3.2.0", "1.0.2", "auto")]
    [InlineData("3.7.11", "3.0", "auto")]
    public void DefaultsFor_EecdhGrade_FollowsTheOpenSslBuild(string release, string openSsl, string expected)
    {
        // Given a release and the OpenSSL it was built with
        // When the smtpd_tls_eecdh_grade default is looked up
        var grade = PostfixParameterTable.DefaultsFor(Parse(release), Version.Parse(openSsl))["smtpd_tls_eecdh_grade"];

        // Then it is mail_params.h's value for that build
        Assert.Equal(expected, grade);
    }

    [Fact]
    public void DefaultsFor_Postfix266_KnowsOnlyItsOwnParameters()
    {
        // Given Postfix 2.6.6
        // When its defaults are looked up
        var d = PostfixParameterTable.DefaultsFor(Parse("2.6.6"), OpenSsl101);

        // Then parameters of later releases (postscreen 2.8, DANE 2.11, chain files 3.4) are absent and its own are present
        Assert.DoesNotContain("smtpd_tls_chain_files", d.Keys);
        Assert.DoesNotContain("smtp_tls_trust_anchor_file", d.Keys);
        Assert.DoesNotContain("smtp_dns_support_level", d.Keys);
        Assert.Equal("$smtpd_tls_cert_file", d["smtpd_tls_key_file"]);
        Assert.DoesNotContain("postscreen_tls_security_level", d.Keys);
        Assert.Equal("$smtpd_tls_security_level", PostfixParameterTable.DefaultsFor(Parse("2.8.0"), OpenSsl101)["postscreen_tls_security_level"]);
    }

    [Fact]
    public void History_ParameterOfALaterRelease_NamesTheReleaseThatAddedIt()
    {
        // Given smtpd_tls_chain_files (3.4) asked about on 3.3.0
        // When its history is read
        var history = PostfixParameterTable.History("smtpd_tls_chain_files", Parse("3.3.0"));

        // Then 3.3.0 does not know it and 3.4.0 added it
        Assert.NotNull(history);
        Assert.False(history.KnownInRelease);
        Assert.Equal(Parse("3.4.0"), history.AddedIn);
        Assert.Null(history.RemovedIn);
    }

    [Fact]
    public void History_BackportedParameter_NamesTheLaterPatchOfTheSameSeries()
    {
        // Given tls_config_file, added in 3.8 and backported to 3.6.10, asked about on 3.6.3
        // When its history is read
        var history = PostfixParameterTable.History("tls_config_file", Parse("3.6.3"));

        // Then the upgrade within the series is named
        Assert.NotNull(history);
        Assert.Equal(Parse("3.6.10"), history.AddedIn);
    }

    [Fact]
    public void History_RemovedParameter_NamesTheReleaseThatDroppedIt()
    {
        // Given tls_dane_digest_agility (2.11 to 3.3) asked about on 3.7.11
        // When its history is read
        var history = PostfixParameterTable.History("tls_dane_digest_agility", Parse("3.7.11"));

        // Then 3.4.0 dropped it
        Assert.NotNull(history);
        Assert.False(history.KnownInRelease);
        Assert.Equal(Parse("3.4.0"), history.RemovedIn);
        Assert.Equal(Parse("2.11.0"), history.FirstRelease);
    }

    [Fact]
    public void History_UnknownName_IsNull()
    {
        // Given a misspelt name no release had
        // When its history is read
        // Then there is none
        Assert.Null(PostfixParameterTable.History("smtpd_tls_security_levle", Parse("3.7.11")));
        Assert.True(PostfixParameterTable.History("smtpd_tls_security_level", Parse("2.6.0"))!.KnownInRelease);
    }

    [Theory]
    [InlineData("smtpd_tls_cert_file", true)]
    [InlineData("tls_high_cipherlist", true)]
    [InlineData("tlsproxy_tls_protocols", true)]
    [InlineData("smtp_starttls_timeout", true)]
    [InlineData("smtpd_use_tls", true)]
    [InlineData("openssl_path", false)]
    [InlineData("smtpd_banner", false)]
    public void IsTlsName_Names_AreClassifiedByNameSpace(string name, bool expected) =>
        Assert.Equal(expected, PostfixParameterTable.IsTlsName(name));

    private static PostfixVersion Parse(string text)
    {
        Assert.True(PostfixVersion.TryParse(text, out var version));
        return version;
    }
}
