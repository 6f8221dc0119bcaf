using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks.Config;

public class ProtocolListInvalidCheckTests
{
    private const string ScenarioTwoProtocols = "smtpd_tls_security_level = may\nsmtpd_tls_protocols = TLSv1.2, TLSv1.1, !TLSv1, !SSLv2, !SSLv3\n";

    [Fact]
    public void Evaluate_ScenarioTwoListOn266_CriticalWithKnownNames()
    {
        // Given scenario 2's inclusion list on Postfix 2.6.6
        var evidence = PostfixEvidenceBuilder.Build(ScenarioTwoProtocols, postfix: "2.6.6", openSsl: "1.0.1");

        // When the check runs
        var finding = Assert.Single(new ProtocolListInvalidCheck().Evaluate(evidence));

        // Then TLS is reported off, the unknown name is given, and the fix uses names 2.6.6 knows
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("\"TLSv1.2\"", finding.Cause, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Describe().Contains("Invalid TLS protocol list", StringComparison.Ordinal));
        Assert.Equal("postconf -e 'smtpd_tls_protocols = !SSLv2, !SSLv3'", finding.Fix!.Steps[0]);
    }

    [Fact]
    public void Evaluate_SameListOn37_NoFinding()
    {
        // Given the same list on a release that knows the names
        var evidence = PostfixEvidenceBuilder.Build(ScenarioTwoProtocols);

        // When / Then nothing is raised
        Assert.Empty(new ProtocolListInvalidCheck().Evaluate(evidence));
    }

    [Fact]
    public void Evaluate_InvalidListButNoTls_NoFinding()
    {
        // Given an invalid list on a server that offers no TLS
        var evidence = PostfixEvidenceBuilder.Build("smtpd_tls_protocols = TLSv1.4\n");

        // When / Then there is nothing to disable
        Assert.Empty(new ProtocolListInvalidCheck().Evaluate(evidence));
    }

    [Fact]
    public void Evaluate_FloorSyntaxOn35_ReportedForEachService()
    {
        // Given the 3.6 syntax on 3.5, shared by two services
        var evidence = PostfixEvidenceBuilder.Build(
            "smtpd_tls_security_level = may\nsmtpd_tls_protocols = >=TLSv1.2\n",
            "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n",
            postfix: "3.5.9");

        // When the check runs
        var finding = Assert.Single(new ProtocolListInvalidCheck().Evaluate(evidence));

        // Then one finding covers both services that read the line
        Assert.Equal(2, finding.Affected.Count);
    }
}
