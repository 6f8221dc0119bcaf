using Xunit;
using MailTls.Core.Postfix;

namespace MailTls.Diagnosis.Tests.Checks.Config;

/// <summary>Builds the evidence the config collector would produce, from file texts.</summary>
internal static class PostfixEvidenceBuilder
{
    public static EvidenceSet Build(string mainCf, string? masterCf = null, string postfix = "3.7.11", string openSsl = "3.0.15", bool defaultsComplete = false, string? policyTable = null)
    {
        Assert.True(PostfixVersion.TryParse(postfix, out var version));
        var openSslVersion = Version.Parse(openSsl);
        Assert.True(Core.OpenSsl.OpenSslBuild.TryParseVersion(openSsl, out var build));
        var main = MainCfFile.Parse(mainCf, "/etc/postfix/main.cf");
        var master = masterCf is null ? null : MasterCfFile.Parse(masterCf, "/etc/postfix/master.cf");
        return new EvidenceSet
        {
            Postfix = new PostfixEvidence
            {
                ConfigDirectory = "/etc/postfix",
                ConfigDirectoryOrigin = "test",
                Configuration = new PostfixConfiguration(main, master, PostfixDefaults.For(version, openSslVersion)),
                Version = version,
                VersionOrigin = "test",
                OpenSsl = openSslVersion,
                OpenSslBuild = version.AtLeast(3, 1) ? build! with { SecurityLevel = 0 } : build!,
                OpenSslOrigin = "test",
                DefaultsOrigin = "test",
                DefaultsComplete = defaultsComplete,
            },
            PolicyTables = policyTable is null ? [] : [Core.Postfix.Outbound.LookupTable.ParseSource("hash:/etc/postfix/tls_policy", policyTable, "/etc/postfix/tls_policy")],
        };
    }

    /// <summary>Scenario 1's main.cf as published (shared/scenarios/1-gmail-tls12-only.md).</summary>
    public const string ScenarioOneMainCf = """
        smtpd_use_tls=yes
        smtpd_tls_security_level = may
        smtpd_tls_auth_only = yes
        smtpd_tls_mandatory_protocols = !SSLv2,!SSLv3,!TLSv1,!TLSv1.1
        smtpd_tls_exclude_ciphers = aNULL, DES, 3DES, MD5, DES+MD5, RC4, RC4-MD5
        smtpd_tls_protocols=!SSLv2,!TLSv1,!TLSv1.1,!SSLv3
        smtpd_tls_mandatory_ciphers = medium
        tls_preempt_cipherlist = yes
        tls_medium_cipherlist = AES256+EECDH:AES256+EDH
        """;
}
