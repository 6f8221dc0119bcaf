using MailTls.Core.Postfix;
using MailTls.Core.Postfix.Outbound;
using Xunit;

namespace MailTls.Core.Tests.Postfix.Outbound;

public class OutboundPolicyEvaluatorTests
{
    private const string ScenarioThreeTable = """
        facebook.com    secure ciphers=high
        hearst.com      secure match=gslb.pphosted.com ciphers=high
        fastmail.fm     secure ciphers=high
        .example.net    verify
        [relay.example.org]:587 encrypt
        """;

    private static readonly string[] FastmailNames = ["*.messagingengine.com", "messagingengine.com", "mail.messagingengine.com"];

    [Fact]
    public void Judge_ScenarioThreeOnPostfix211_TrustedButNotVerified()
    {
        // Given scenario 3's table on Postfix 2.11 and FastMail's certificate names
        var version = new PostfixVersion(2, 11, 0);
        var decision = Decide("fastmail.fm", "smtp_tls_security_level = may\n", version);

        // When Postfix judges in1-smtp.messagingengine.com with a trusted chain
        var verdict = OutboundPolicyEvaluator.Judge(decision, "in1-smtp.messagingengine.com", FastmailNames, chainTrusted: true, version);

        // Then it logs Trusted and defers 4.7.5 "Server certificate not verified", as the scenario's log shows
        Assert.Equal(OutboundLevel.Secure, decision.Choice.Level);
        Assert.Equal(["fastmail.fm", ".fastmail.fm"], verdict.RequiredNames);
        Assert.Equal(("Trusted", "Server certificate not verified", "4.7.5"), (verdict.Label, verdict.Deferral, verdict.Dsn));
        Assert.Null(verdict.MatchedName);
    }

    [Fact]
    public void Judge_ScenarioThreeOnPostfix37_LabelIsUntrusted()
    {
        // Given the same decision on 3.7, where OpenSSL checks the names
        var version = new PostfixVersion(3, 7, 11);
        var decision = Decide("fastmail.fm", string.Empty, version);

        // When judged
        var verdict = OutboundPolicyEvaluator.Judge(decision, "in1-smtp.messagingengine.com", FastmailNames, chainTrusted: true, version);

        // Then a name failure is a verification failure: Untrusted
        Assert.Equal(("Untrusted", "Server certificate not verified"), (verdict.Label, verdict.Deferral));
    }

    [Fact]
    public void Judge_WithProposedMatch_Verified()
    {
        // Given the fix mailtls proposes
        var version = new PostfixVersion(2, 11, 0);
        var decision = Decide("fastmail.fm", string.Empty, version, "fastmail.fm secure match=.messagingengine.com ciphers=high\n");

        // When judged
        var verdict = OutboundPolicyEvaluator.Judge(decision, "in2-smtp.messagingengine.com", FastmailNames, chainTrusted: true, version);

        // Then the wildcard name satisfies the sub-domain reference and mail is delivered
        Assert.Equal("Verified", verdict.Label);
        Assert.Null(verdict.Deferral);
        Assert.Equal("*.messagingengine.com", verdict.MatchedName);
    }

    [Theory]
    [InlineData("2.11.0", "Server certificate not trusted")]
    [InlineData("3.7.11", "Server certificate not verified")]
    public void Judge_UntrustedChain_MessageDependsOnVersion(string version, string deferral)
    {
        // Given a chain the CAs do not vouch for
        Assert.True(PostfixVersion.TryParse(version, out var v));
        var decision = Decide("facebook.com", string.Empty, v);

        // When judged
        var verdict = OutboundPolicyEvaluator.Judge(decision, "mx.facebook.com", ["*.facebook.com"], chainTrusted: false, v);

        // Then the deferral is worded as that release words it
        Assert.Equal(deferral, verdict.Deferral);
        Assert.Equal("Untrusted", verdict.Label);
    }

    [Fact]
    public void Decide_ParentDomainKey_MatchesSubdomainsOnly()
    {
        // Given a ".example.net" entry
        var version = new PostfixVersion(3, 7, 11);

        // When a sub-domain and the domain itself are decided
        var sub = Decide("mail.example.net", "smtp_tls_security_level = may\n", version);
        var itself = Decide("example.net", "smtp_tls_security_level = may\n", version);

        // Then only the sub-domain takes the entry; the domain falls back to the global level
        Assert.Equal(OutboundLevel.Verify, sub.Choice.Level);
        Assert.Equal(["mail.example.net", ".example.net"], sub.Choice.KeysTried);
        Assert.Equal(OutboundLevel.May, itself.Choice.Level);
        Assert.Null(itself.Choice.Entry);
    }

    [Fact]
    public void Decide_Relayhost_KeyIsBracketedAndNoMx()
    {
        // Given a bracketed relayhost with a port
        var version = new PostfixVersion(3, 7, 11);
        var decision = Decide("gmail.com", "relayhost = [relay.example.org]:587\n", version);

        // Then the policy key is the relayhost verbatim, with no MX lookup, and its nexthop is the bare name
        Assert.Equal("[relay.example.org]:587", decision.NextHop.Dest);
        Assert.False(decision.NextHop.MxLookup);
        Assert.Equal("relay.example.org", decision.NextHop.Domain);
        Assert.Equal(OutboundLevel.Encrypt, decision.Choice.Level);
        Assert.Equal(["[relay.example.org]:587"], decision.Choice.KeysTried);
    }

    [Fact]
    public void Decide_TransportEntry_WinsOverRelayhost()
    {
        // Given a transport table routing fastmail.fm elsewhere
        var version = new PostfixVersion(3, 7, 11);
        var transport = LookupTable.ParseSource("hash:/etc/postfix/transport", "fastmail.fm smtp:[smarthost.example.org]\n", "/etc/postfix/transport");
        var config = new PostfixConfiguration(MainCfFile.Parse("relayhost = relay.example.org\n", "main.cf"), null, PostfixDefaults.For(version, new Version(3, 0, 15)));

        // When decided
        var decision = OutboundPolicyEvaluator.Decide("fastmail.fm", config, version, [], [transport]);

        // Then the transport entry chose the next hop, and is cited
        Assert.Equal("[smarthost.example.org]", decision.NextHop.Dest);
        Assert.Equal(1, decision.NextHop.Location!.Line);
    }

    [Fact]
    public void Decide_GlobalSecure_UsesMainCfMatchParameter()
    {
        // Given no table entry and a global verify level with a custom match list
        var version = new PostfixVersion(3, 7, 11);
        var decision = Decide("example.com", "smtp_tls_security_level = verify\nsmtp_tls_verify_cert_match = hostname, nexthop\n", version);

        // Then the match list and its line come from main.cf
        Assert.Equal(["hostname", "nexthop"], decision.MatchList);
        Assert.Equal(2, decision.MatchListLocation!.Line);
        Assert.Equal(["mx1.example.com", "example.com"], OutboundPolicyEvaluator.RequiredNames(decision, "mx1.example.com"));
    }

    [Fact]
    public void Decide_TransportOverride_LevelComesFromMasterCf()
    {
        // Given main.cf at may, and the smtp transport forced to encrypt in master.cf
        var version = new PostfixVersion(3, 7, 11);
        var config = new PostfixConfiguration(
            MainCfFile.Parse("smtp_tls_security_level = may\n", "main.cf"),
            MasterCfFile.Parse("smtp unix - - n - - smtp\n  -o smtp_tls_security_level=encrypt\nrelay unix - - n - - smtp\n", "master.cf"),
            PostfixDefaults.For(version, new Version(3, 0, 15)));
        var transport = LookupTable.ParseSource("hash:t", "example.org relay:\n", "t");

        // When a destination of each transport is decided
        var viaSmtp = OutboundPolicyEvaluator.Decide("example.com", config, version, [], [transport]);
        var viaRelay = OutboundPolicyEvaluator.Decide("example.org", config, version, [], [transport]);

        // Then the smtp service's override applies to it alone, cited at its master.cf line
        Assert.Equal(OutboundLevel.Encrypt, viaSmtp.Choice.Level);
        Assert.Equal((ParameterSource.MasterCfOverride, 2), (viaSmtp.Choice.Global!.Source, viaSmtp.Choice.Global.Location!.Line));
        Assert.Equal("relay", viaRelay.NextHop.Transport);
        Assert.Equal(OutboundLevel.May, viaRelay.Choice.Level);
    }

    [Theory]
    [InlineData("secure ciphers=high", null)]
    [InlineData("", "invalid empty policy")]
    [InlineData("strong", "invalid security level \"strong\"")]
    [InlineData("secure ciphers", "malformed attribute/value pair \"ciphers\"")]
    [InlineData("secure ciphers=", "attribute \"ciphers\" has empty value")]
    [InlineData("secure ciphers=high ciphers=medium", "attribute \"ciphers\" is specified multiple times")]
    [InlineData("encrypt match=example.com", "attribute \"match\" invalid at security level \"encrypt\"")]
    [InlineData("secure colour=blue", "invalid attribute name: \"colour\"")]
    [InlineData("none ciphers=high", null)]
    public void TlsPolicyParse_Values_MatchPostfixRules(string value, string? problem)
    {
        // Given / When a policy value is read as 3.7 reads it
        var policy = TlsPolicy.Parse(value, new PostfixVersion(3, 7, 11));

        // Then it is accepted or refused with Postfix's reason
        Assert.Equal(problem, policy.Problem);
    }

    [Fact]
    public void TlsPolicyParse_RepeatedMatch_Accumulates()
    {
        // Given match= twice, with ':' inside
        var policy = TlsPolicy.Parse("secure match=nexthop:dot-nexthop match=.example.net", new PostfixVersion(3, 7, 11));

        // Then all elements are kept in order
        Assert.Equal(["nexthop", "dot-nexthop", ".example.net"], policy.Match);
    }

    [Fact]
    public void TlsPolicyParse_DaneBeforeItExisted_IsInvalid()
    {
        // Given dane on 2.10
        var policy = TlsPolicy.Parse("dane", new PostfixVersion(2, 10, 0));

        // Then 2.10 does not know the level
        Assert.Equal("invalid security level \"dane\"", policy.Problem);
    }

    [Theory]
    [InlineData("*.example.com", "mx.example.com", "3.7.11", true)]
    [InlineData("*.example.com", "a.b.example.com", "3.7.11", false)]
    [InlineData("*.example.com", "a.b.example.com", "3.5.0", true)]
    [InlineData("*.example.com", "a.b.example.com", "2.10.0", false)]
    [InlineData("*.com", "example.com", "3.7.11", false)]
    [InlineData("*.example.com", ".example.com", "3.7.11", true)]
    [InlineData("*.example.com", ".b.example.com", "3.7.11", false)]
    [InlineData("mx1.example.com", ".example.com", "3.7.11", true)]
    [InlineData("example.com", ".example.com", "3.7.11", false)]
    [InlineData("MX1.EXAMPLE.COM", "mx1.example.com", "3.7.11", true)]
    public void PostfixNameMatcher_VersionRules(string presented, string reference, string version, bool expected)
    {
        // Given / When / Then the reference's verified behaviour of each release
        Assert.True(PostfixVersion.TryParse(version, out var v));
        Assert.Equal(expected, PostfixNameMatcher.Matches(presented, reference, v));
    }

    [Fact]
    public void ParseInline_BracedItems_Read()
    {
        // Given an inline table with a braced item containing spaces
        var table = LookupTable.ParseInline("inline:{ example.com=secure, { example.net = secure match=.mx.example.net } }", new Evidence.SourceLocation("main.cf", 3));

        // Then both entries are read
        Assert.Equal("secure", table.Find("EXAMPLE.COM")!.Value);
        Assert.Equal("secure match=.mx.example.net", table.Find("example.net")!.Value);
        Assert.Empty(table.Problems);
    }

    [Fact]
    public void ParseSource_DuplicateAndBrokenLines_Reported()
    {
        // Given a table source with a duplicate key and a key without value
        var table = LookupTable.ParseSource("hash:t", "a.example secure\nA.EXAMPLE may\nlonely\n", "t");

        // Then the first entry wins and both problems are reported with their lines
        Assert.Equal("secure", table.Find("a.example")!.Value);
        Assert.Equal([2, 3], table.Problems.Select(p => p.Location!.Line));
    }

    private static OutboundDecision Decide(string destination, string mainCf, PostfixVersion version, string table = ScenarioThreeTable)
    {
        var config = new PostfixConfiguration(MainCfFile.Parse(mainCf, "main.cf"), null, PostfixDefaults.For(version, new Version(1, 0, 1)));
        var policy = LookupTable.ParseSource("hash:/etc/postfix/tls_policy", table, "/etc/postfix/tls_policy");
        return OutboundPolicyEvaluator.Decide(destination, config, version, [policy], []);
    }
}
