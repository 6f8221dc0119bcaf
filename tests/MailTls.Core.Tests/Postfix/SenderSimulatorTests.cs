using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;
using MailTls.Core.Profiles;
using Xunit;

namespace MailTls.Core.Tests.Postfix;

public class SenderSimulatorTests
{
    private const string ScenarioTwoMainCf = """
        smtpd_tls_security_level = may
        smtpd_tls_protocols = !SSLv2, !SSLv3
        smtpd_tls_exclude_ciphers = aNULL, LOW, EXP, MEDIUM, ADH, AECDH, MD5, DSS, ECDSA, CAMELLIA128, 3DES, CAMELLIA256, RSA+AES, eNULL
        """;

    private static SenderProfile Profile(string id) => SenderProfileCatalog.All.Single(p => p.Id == id);

    [Fact]
    public void Simulate_ScenarioTwoGmail_NoKnownSharedSuiteBlamesRsaAes()
    {
        // Given scenario 2's exclusions on Postfix 2.6.6 / OpenSSL 1.0.1e with an RSA certificate
        var simulator = Simulator(ScenarioTwoMainCf, "2.6.6", "1.0.1e");

        // When the Gmail profile derived from the scenario's own logs is simulated
        var outcome = simulator.Simulate(Profile("derived-scenario2-gmail"));

        // Then its known suite is removed by !RSA+AES at TLS 1.2
        Assert.Equal(SenderOutcomeKind.NoKnownSharedCipher, outcome.Kind);
        Assert.Equal(PostfixProtocol.Tls12, outcome.Protocol);
        var blocked = Assert.Single(outcome.Blocked);
        Assert.Equal("AES128-GCM-SHA256", blocked.Suite);
        Assert.Equal(["!RSA+AES"], blocked.Terms);
    }

    [Fact]
    public void Simulate_ScenarioTwoWithoutExclusions_GmailGetsAes128Gcm()
    {
        // Given the fix the scenario applied: no exclusions at all (cipher list "ALL:+RC4:@STRENGTH")
        var simulator = Simulator("smtpd_tls_security_level = may\nsmtpd_tls_protocols = !SSLv2, !SSLv3\n", "2.6.6", "1.0.1e");

        // When simulated
        var outcome = simulator.Simulate(Profile("derived-scenario2-gmail"));

        // Then the suite the scenario's log shows is negotiated
        Assert.Equal(SenderOutcomeKind.Negotiated, outcome.Kind);
        Assert.Equal(("AES128-GCM-SHA256", PostfixProtocol.Tls12), (outcome.Suite, outcome.Protocol!.Value));
        Assert.Equal("ALL:+RC4:@STRENGTH", simulator.Ciphers!.CipherString);
    }

    [Fact]
    public void Simulate_CompleteProfileAllBlocked_NoSharedCipherWithReasons()
    {
        // Given the Windows 7 SChannel hello (TLS 1.0, complete suite list) against scenario 2's server
        var simulator = Simulator(ScenarioTwoMainCf, "2.6.6", "1.0.1e");

        // When simulated
        var outcome = simulator.Simulate(Profile("schannel-win7-2008r2-ie8-10"));

        // Then every offered suite has its reason: ECDHE is off on 2.6, the rest removed by named items
        Assert.Equal(SenderOutcomeKind.NoSharedCipher, outcome.Kind);
        Assert.Contains(outcome.Blocked, b => b.Suite == "ECDHE-RSA-AES128-SHA" && b.Reason.Contains("smtpd_tls_eecdh_grade", StringComparison.Ordinal));
        Assert.Contains(outcome.Blocked, b => b.Suite == "AES128-SHA" && b.Terms.SequenceEqual(["!RSA+AES"]));
    }

    [Fact]
    public void Simulate_Postfix37DefaultsAndDebianPostfix_NegotiatesTls13()
    {
        // Given today's defaults
        var simulator = Simulator("smtpd_tls_security_level = may\n", "3.7.11", "3.0.15");

        // When the captured Postfix 3.7 client is simulated
        var outcome = simulator.Simulate(Profile("postfix-3.7-debian12-may"));

        // Then TLS 1.3 with a default TLS 1.3 suite
        Assert.Equal(SenderOutcomeKind.Negotiated, outcome.Kind);
        Assert.Equal(PostfixProtocol.Tls13, outcome.Protocol);
        Assert.StartsWith("TLS_AES", outcome.Suite, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_Tls12OnlyAndTls10Sender_ProtocolMismatch()
    {
        // Given scenario 1's floor and a TLS 1.0-only sender
        var simulator = Simulator("smtpd_tls_security_level = may\nsmtpd_tls_protocols = !SSLv2,!TLSv1,!TLSv1.1,!SSLv3\n", "2.9.6", "1.0.1e");

        // When simulated, Then the versions do not meet
        Assert.Equal(SenderOutcomeKind.ProtocolMismatch, simulator.Simulate(Profile("schannel-winxp-2003-ie8")).Kind);
    }

    [Fact]
    public void Simulate_ServerPreference_PicksServerOrder()
    {
        // Given a server list that puts AES128-SHA before ECDHE-RSA-AES256-GCM-SHA384, with and without tls_preempt_cipherlist
        var config = "smtpd_tls_security_level = may\nsmtpd_tls_protocols = >=TLSv1.2 <=TLSv1.2\ntls_medium_cipherlist = AES128-SHA:ECDHE-RSA-AES256-GCM-SHA384\n";
        var profile = Profile("openssl-3.0-s_client-tls1_2");

        // When the s_client TLS 1.2 hello (which lists the GCM suite first) is simulated
        var clientOrder = Simulator(config, "3.7.11", "3.0.15").Simulate(profile);
        var serverOrder = Simulator(config + "tls_preempt_cipherlist = yes\n", "3.7.11", "3.0.15").Simulate(profile);

        // Then the client's order wins without preference, the server's with it
        Assert.Equal("ECDHE-RSA-AES256-GCM-SHA384", clientOrder.Suite);
        Assert.Equal("AES128-SHA", serverOrder.Suite);
    }

    [Fact]
    public void Simulate_FactsOnlyProfile_Unknown()
    {
        // Given a profile with no ClientHello facts (Gmail today)
        var simulator = Simulator("smtpd_tls_security_level = may\n", "3.7.11", "3.0.15");

        // When / Then nothing is claimed
        Assert.Equal(SenderOutcomeKind.Unknown, simulator.Simulate(Profile("gmail-google-outbound")).Kind);
    }

    [Fact]
    public void Simulate_Microsoft365AgainstTls13OnlyServer_FailsOnProtocol()
    {
        // Given a server that accepts only TLS 1.3, and Microsoft 365 from its published facts (TLS 1.2 only)
        var simulator = Simulator("smtpd_tls_security_level = may\nsmtpd_tls_protocols = >=TLSv1.3\n", "3.7.11", "3.0.15");

        // When simulated
        var outcome = simulator.Simulate(Profile("derived-microsoft365-published"));

        // Then there is no common protocol
        Assert.Equal(SenderOutcomeKind.ProtocolMismatch, outcome.Kind);
    }

    [Fact]
    public void Simulate_Microsoft365AgainstDefaultServer_GetsItsStrongestPublishedSuite()
    {
        // Given Debian 12's default server with an RSA certificate and server preference
        var simulator = Simulator("smtpd_tls_security_level = may\ntls_preempt_cipherlist = yes\n", "3.7.11", "3.0.15");

        // When simulated
        var outcome = simulator.Simulate(Profile("derived-microsoft365-published"));

        // Then TLS 1.2 with ECDHE-RSA-AES256-GCM-SHA384 is negotiated
        Assert.Equal(SenderOutcomeKind.Negotiated, outcome.Kind);
        Assert.Equal(("ECDHE-RSA-AES256-GCM-SHA384", PostfixProtocol.Tls12), (outcome.Suite, outcome.Protocol!.Value));
    }

    private static SenderSimulator Simulator(string mainCf, string postfix, string openSsl)
    {
        Assert.True(PostfixVersion.TryParse(postfix, out var version));
        Assert.True(OpenSslVersionText.TryParse(openSsl, out var openSslVersion));
        Assert.True(OpenSslBuild.TryParseVersion(openSsl, out var build));
        var config = new PostfixConfiguration(MainCfFile.Parse(mainCf, "main.cf"), null, PostfixDefaults.For(version, openSslVersion));
        var service = Assert.Single(InboundTlsEvaluator.Evaluate(config, version, openSslVersion));
        var ecdhe = config.Resolve("smtpd_tls_eecdh_grade").Value != "none";
        var preference = config.Resolve("tls_preempt_cipherlist").Value == "yes";
        return new SenderSimulator(service, version.AtLeast(3, 1) ? build! with { SecurityLevel = 0 } : build!, OpenSslAuthentication.Rsa, ecdhe, preference);
    }
}
