using MailTls.Core.MtaSts;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Checks.MtaSts;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks.MtaSts;

public class MtaStsChecksTests
{
    [Fact]
    public void Diagnose_GoodDomain_NoFinding()
    {
        // Given valid records, a valid enforce policy and MX hosts it covers
        var evidence = MtaStsTestData.Set(MtaStsTestData.Evidence());

        // When every check runs
        // Then nothing is found
        Assert.Empty(Diagnoser.Diagnose(evidence));
    }

    [Fact]
    public void Evaluate_InvalidRecords_BothRecordFindingsWithLinesToPublish()
    {
        // Given an id with hyphens and a TLS-RPT destination over ftp
        var evidence = MtaStsTestData.Set(MtaStsTestData.Evidence(stsRecord: "v=STSv1; id=2026-11-23;", rptRecord: "v=TLSRPTv1; rua=ftp://r.example.com/"));

        // When the record check runs
        var findings = new MtaStsRecordCheck().Evaluate(evidence).ToList();

        // Then each record gets its finding and the exact TXT line to publish
        Assert.Equal(["mta-sts-record-invalid", "tlsrpt-record-invalid"], findings.Select(f => f.Id.Value));
        Assert.Equal("_mta-sts.example.com. IN TXT \"v=STSv1; id=20261123100000;\"", findings[0].Fix!.Steps[0]);
        Assert.Equal("_smtp._tls.example.com. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"", findings[1].Fix!.Steps[0]);
    }

    [Theory]
    [InlineData(MtaStsFetchOutcome.Redirect, "must not follow redirects")]
    [InlineData(MtaStsFetchOutcome.WrongContentType, "not text/plain")]
    [InlineData(MtaStsFetchOutcome.TooLarge, "exceeds the size")]
    [InlineData(MtaStsFetchOutcome.CertificateInvalid, "is not valid for it")]
    [InlineData(MtaStsFetchOutcome.Timeout, "does not answer in time")]
    [InlineData(MtaStsFetchOutcome.NameNotResolved, "does not resolve")]
    [InlineData(MtaStsFetchOutcome.ConnectFailed, "nothing accepts connections")]
    [InlineData(MtaStsFetchOutcome.TlsFailed, "TLS handshake")]
    [InlineData(MtaStsFetchOutcome.ProtocolError, "does not answer as an HTTPS server")]
    [InlineData(MtaStsFetchOutcome.HttpStatus, "answers HTTP 404")]
    public void Evaluate_FetchFailed_PolicyUnreachableNamesTheRule(MtaStsFetchOutcome outcome, string cause)
    {
        // Given a fetch that broke one rule of RFC 8461 section 3.3
        var fetch = new MtaStsFetch(MtaStsTestData.Url, outcome, "detail", StatusCode: outcome == MtaStsFetchOutcome.HttpStatus ? 404 : null);
        var evidence = MtaStsTestData.Set(MtaStsTestData.Evidence(fetch: fetch));

        // When the fetch check runs
        var finding = Assert.Single(new MtaStsPolicyFetchCheck().Evaluate(evidence));

        // Then the cause names the rule and the fix ends with the curl command that shows it
        Assert.Equal("mta-sts-policy-unreachable", finding.Id.Value);
        Assert.Contains(cause, finding.Cause, StringComparison.Ordinal);
        Assert.StartsWith("curl -sS --max-redirs 0", finding.Fix!.Steps[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BadPolicy_InvalidWithCorrectedPolicy()
    {
        // Given a policy with a bad mode and max_age
        var evidence = MtaStsTestData.Set(MtaStsTestData.Evidence(policy: "version: STSv1\nmode: strict\nmx: *.example.com\nmax_age: forever\n"));

        // When the syntax check runs
        var finding = Assert.Single(new MtaStsPolicySyntaxCheck().Evaluate(evidence));

        // Then each problem is located on its line, and the fix is a whole valid policy and a new id
        Assert.Equal("mta-sts-policy-invalid", finding.Id.Value);
        Assert.Contains(finding.Evidence, e => e.Describe().StartsWith(MtaStsTestData.Url + " line 2: 'mode: strict'", StringComparison.Ordinal));
        Assert.Equal(
            ["version: STSv1", "mode: testing", "mx: mx1.example.com", "mx: mx2.example.com", "max_age: 604800", "_mta-sts.example.com. IN TXT \"v=STSv1; id=20261123100000;\""],
            finding.Fix!.Steps);
    }

    [Fact]
    public void Evaluate_TestingMode_Info()
    {
        // Given a valid policy in testing mode
        var evidence = MtaStsTestData.Set(MtaStsTestData.Evidence(policy: "version: STSv1\nmode: testing\nmx: *.example.com\nmax_age: 86400\n"));

        // When the syntax check runs
        var finding = Assert.Single(new MtaStsPolicySyntaxCheck().Evaluate(evidence));

        // Then it is the informational testing-mode finding
        Assert.Equal("mta-sts-testing-mode", finding.Id.Value);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Theory]
    [InlineData("enforce", Severity.Critical)]
    [InlineData("testing", Severity.Warning)]
    public void Evaluate_MxNotCovered_SeverityByMode(string mode, Severity severity)
    {
        // Given a policy naming one host, and two MX hosts of which one is two labels deep
        var evidence = MtaStsTestData.Set(MtaStsTestData.Evidence(
            policy: $"version: STSv1\nmode: {mode}\nmx: *.example.com\nmax_age: 86400\n",
            mx: ["mx1.example.com.", "a.mx2.example.com."]));

        // When the coverage check runs
        var finding = Assert.Single(new MtaStsMxCoverageCheck().Evaluate(evidence));

        // Then the uncovered host is named and the policy to publish adds it
        Assert.Equal("mta-sts-mx-not-covered", finding.Id.Value);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(["a.mx2.example.com"], finding.Affected);
        Assert.Contains("mx: a.mx2.example.com", finding.Fix!.Steps);
    }

    [Fact]
    public void Evaluate_ModeNone_NoCoverageFinding()
    {
        // Given a withdrawn policy (mode none) and MX hosts it does not name
        var evidence = MtaStsTestData.Set(MtaStsTestData.Evidence(policy: "version: STSv1\nmode: none\nmax_age: 86400\n"));

        // When the coverage check runs
        // Then it is silent: senders apply no policy
        Assert.Empty(new MtaStsMxCoverageCheck().Evaluate(evidence));
    }

    [Fact]
    public void All_MtaStsChecks_AreRegistered()
    {
        // Given the registry
        // Then every MTA-STS check is in it
        Assert.Contains(CheckRegistry.All, c => c is MtaStsRecordCheck);
        Assert.Contains(CheckRegistry.All, c => c is MtaStsPolicyFetchCheck);
        Assert.Contains(CheckRegistry.All, c => c is MtaStsPolicySyntaxCheck);
        Assert.Contains(CheckRegistry.All, c => c is MtaStsMxCoverageCheck);
    }
}
