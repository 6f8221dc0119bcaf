using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks.Config;

public class InboundProtocolFloorCheckTests
{
    [Fact]
    public void Evaluate_ScenarioOne_NamesGmailAndFacebookWithFix()
    {
        // Given scenario 1's main.cf on its Postfix 2.9.6 / OpenSSL 1.0.1
        var evidence = PostfixEvidenceBuilder.Build(PostfixEvidenceBuilder.ScenarioOneMainCf, postfix: "2.9.6", openSsl: "1.0.1");

        // When the check runs
        var finding = Assert.Single(new InboundProtocolFloorCheck().Evaluate(evidence));

        // Then it names the senders, cites the line, and gives the exact command
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains(finding.Affected, a => a.Contains("Gmail", StringComparison.Ordinal));
        Assert.Contains(finding.Affected, a => a.Contains("Facebook", StringComparison.Ordinal));
        Assert.Contains("accept only TLSv1.2", finding.Cause, StringComparison.Ordinal);
        var line = Assert.IsType<ConfigLineEvidence>(finding.Evidence[0]);
        Assert.Equal(6, line.Location.Line);
        Assert.Equal(["postconf -e 'smtpd_tls_protocols = !SSLv2, !SSLv3'", "postfix reload"], finding.Fix!.Steps);
    }

    [Fact]
    public void Evaluate_ScenarioOneOnPostfix37_FixUsesFloorSyntax()
    {
        // Given the same main.cf on today's Postfix
        var evidence = PostfixEvidenceBuilder.Build(PostfixEvidenceBuilder.ScenarioOneMainCf);

        // When the check runs
        var finding = Assert.Single(new InboundProtocolFloorCheck().Evaluate(evidence));

        // Then TLS 1.3 is also accepted and the fix uses 3.6+ syntax
        Assert.Contains("TLSv1.2, TLSv1.3", finding.Cause, StringComparison.Ordinal);
        Assert.Equal("postconf -e 'smtpd_tls_protocols = >=TLSv1'", finding.Fix!.Steps[0]);
    }

    [Theory]
    [InlineData("smtpd_tls_security_level = may\nsmtpd_tls_protocols = !SSLv2, !SSLv3\n")]
    [InlineData("smtpd_tls_security_level = may\n")]
    [InlineData("smtpd_tls_security_level = encrypt\nsmtpd_tls_protocols = !SSLv2,!TLSv1,!TLSv1.1,!SSLv3\n")]
    [InlineData("smtpd_tls_security_level = none\nsmtpd_tls_protocols = >=TLSv1.2\n")]
    public void Evaluate_NoOpportunisticFloor_NoFinding(string mainCf)
    {
        // Given a port 25 that accepts TLS 1.0, enforces TLS, or offers none
        var evidence = PostfixEvidenceBuilder.Build(mainCf);

        // When the check runs, Then nothing is raised
        Assert.Empty(new InboundProtocolFloorCheck().Evaluate(evidence));
    }

    [Fact]
    public void Evaluate_StrictSubmissionOnly_NoFinding()
    {
        // Given a strict list only on submission, where the clients are the site's own
        var evidence = PostfixEvidenceBuilder.Build(
            "smtpd_tls_security_level = may\n",
            "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o smtpd_tls_protocols=>=TLSv1.2\n");

        // When the check runs, Then port 25 is fine and submission is not its business
        Assert.Empty(new InboundProtocolFloorCheck().Evaluate(evidence));
    }

    [Fact]
    public void Evaluate_OverrideOnPort25Service_FixEditsMasterCf()
    {
        // Given the floor set by a -o override on a port 25 service
        var evidence = PostfixEvidenceBuilder.Build(
            "smtpd_tls_security_level = may\n",
            "# services\n127.0.0.1:25 inet n - y - - smtpd\n  -o smtpd_tls_protocols=>=TLSv1.2\n");

        // When the check runs
        var finding = Assert.Single(new InboundProtocolFloorCheck().Evaluate(evidence));

        // Then the evidence is the master.cf line and the fix uses postconf -P for that service
        Assert.Equal(3, Assert.IsType<ConfigLineEvidence>(finding.Evidence[0]).Location.Line);
        Assert.Equal("postconf -P '127.0.0.1:25/inet/smtpd_tls_protocols=>=TLSv1'", finding.Fix!.Steps[0]);
    }
}
