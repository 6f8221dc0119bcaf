using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks.Config;

public class ConfigSyntaxCheckTests
{
    [Fact]
    public void Evaluate_BrokenLines_OneCriticalFindingPerLine()
    {
        // Given a main.cf line without '=' and a short master.cf line
        var evidence = PostfixEvidenceBuilder.Build("smtpd_tls_security_level may\n", "smtp inet n - y\n");

        // When the check runs
        var findings = new ConfigSyntaxCheck().Evaluate(evidence).ToList();

        // Then each is critical and cites file:line
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Severity.Critical, f.Severity));
        Assert.Contains(findings, f => f.Cause.StartsWith("/etc/postfix/main.cf:1: missing '='", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Cause.StartsWith("/etc/postfix/master.cf:1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_CleanFiles_NoFinding()
    {
        // Given valid files
        var evidence = PostfixEvidenceBuilder.Build(PostfixEvidenceBuilder.ScenarioOneMainCf, "smtp inet n - y - - smtpd\n");

        // When / Then nothing is raised
        Assert.Empty(new ConfigSyntaxCheck().Evaluate(evidence));
    }

    [Fact]
    public void Evaluate_ParameterLoop_ReportedAtItsLine()
    {
        // Given two parameters that refer to each other
        var evidence = PostfixEvidenceBuilder.Build("myhostname = $mydomain\nmydomain = $myhostname\n");

        // When the check runs
        var findings = new ConfigSyntaxCheck().Evaluate(evidence).ToList();

        // Then each line is reported with Postfix's complaint
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Contains("unreasonable macro call nesting", f.Cause, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Cause.StartsWith("/etc/postfix/main.cf:1:", StringComparison.Ordinal));
    }
}
