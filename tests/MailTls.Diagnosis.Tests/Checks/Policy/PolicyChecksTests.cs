using MailTls.Core.Postfix;
using MailTls.Core.Postfix.Outbound;
using MailTls.Diagnosis.Checks.Policy;
using MailTls.Diagnosis.Findings;
using MailTls.Diagnosis.Tests.Checks.Config;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks.Policy;

public class PolicyChecksTests
{
    private const string Table = "fastmail.fm secure ciphers=high\n*.example.org secure\nexample.net. verify\n";

    [Fact]
    public void NameMismatch_ScenarioThree_ProposesNarrowestMatch()
    {
        // Given scenario 3's decision and FastMail's names on both MX hosts, with a trusted chain
        var evidence = Evidence("smtp_tls_CAfile = /etc/ssl/ca.pem\n", "fastmail.fm", ["in1-smtp.messagingengine.com", "in2-smtp.messagingengine.com"], trusted: true);

        // When the check runs
        var finding = Assert.Single(new PolicySecureNameMismatchCheck().Evaluate(evidence));

        // Then the corrected line keeps the other attributes
        Assert.Equal("fastmail.fm secure match=.messagingengine.com ciphers=high", finding.Fix!.Steps[0]);
        Assert.Contains("level verify instead would trust the unauthenticated MX lookup", finding.Fix.TradeOff, StringComparison.Ordinal);
    }

    [Fact]
    public void ChainUntrusted_UntrustedChain_Critical()
    {
        // Given a verifying destination whose chain does not link to the configured CA
        var evidence = Evidence("smtp_tls_CAfile = /etc/ssl/ca.pem\n", "fastmail.fm", ["in1-smtp.messagingengine.com"], trusted: false);

        // When the check runs
        var finding = Assert.Single(new PolicyChainUntrustedCheck().Evaluate(evidence));

        // Then the deferral is worded as 3.7 words it
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("Server certificate not verified", finding.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCaConfigured_VerifyingLevelWithoutCa_ReportedOnceNotAsUntrustedChain()
    {
        // Given a secure destination and no CA file or directory
        var evidence = Evidence(string.Empty, "fastmail.fm", ["in1-smtp.messagingengine.com"], trusted: false);

        // When both checks run
        var noCa = Assert.Single(new PolicyNoCaConfiguredCheck().Evaluate(evidence));

        // Then the missing CA is the finding, and the chain is not blamed separately
        Assert.Equal("postconf -e 'smtp_tls_CApath = /etc/ssl/certs'", noCa.Fix!.Steps[0]);
        Assert.Empty(new PolicyChainUntrustedCheck().Evaluate(evidence));
    }

    [Fact]
    public void EntryUnreachable_WildcardAndTrailingDot_CorrectedKeys()
    {
        // Given a table with a wildcard key and a key with a trailing dot
        var evidence = Evidence("smtp_tls_CAfile = /etc/ssl/ca.pem\n", "fastmail.fm", [], trusted: true);

        // When the check runs
        var findings = new PolicyEntryUnreachableCheck().Evaluate(evidence).ToList();

        // Then both are reported with the key that works
        Assert.Equal([".example.org secure", "example.net verify"], findings.Select(f => f.Fix!.Steps[0]));
    }

    private static EvidenceSet Evidence(string mainCf, string destination, string[] hosts, bool trusted)
    {
        var baseEvidence = PostfixEvidenceBuilder.Build("smtp_tls_security_level = may\n" + mainCf, policyTable: Table);
        var postfix = baseEvidence.Postfix!;
        var decision = OutboundPolicyEvaluator.Decide(destination, postfix.Configuration, postfix.Version, baseEvidence.PolicyTables, []);
        string[] names = ["*.messagingengine.com", "messagingengine.com", "mail.messagingengine.com"];
        var verdicts = hosts.Select(h => OutboundPolicyEvaluator.Judge(decision, h, names, trusted, postfix.Version)).ToList();
        return baseEvidence with { OutboundPolicies = [new PolicyEvaluation(decision, verdicts, hosts, "test certificate")] };
    }
}
