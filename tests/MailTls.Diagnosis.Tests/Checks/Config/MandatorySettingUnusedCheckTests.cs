using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks.Config;

public class MandatorySettingUnusedCheckTests
{
    [Fact]
    public void Evaluate_ScenarioOne_ReportsBothMandatoryLines()
    {
        // Given scenario 1's main.cf, where port 25 runs at may
        var evidence = PostfixEvidenceBuilder.Build(PostfixEvidenceBuilder.ScenarioOneMainCf, postfix: "2.9.6", openSsl: "1.0.1");

        // When the check runs
        var findings = new MandatorySettingUnusedCheck().Evaluate(evidence).ToList();

        // Then the protocols line (same as the opportunistic one) and the ciphers line are reported
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Severity.Info, f.Severity));
        var protocols = findings.Single(f => f.Cause.StartsWith("smtpd_tls_mandatory_protocols", StringComparison.Ordinal));
        Assert.Equal(["postconf -X smtpd_tls_mandatory_protocols"], protocols.Fix!.Steps);
        var ciphers = findings.Single(f => f.Cause.StartsWith("smtpd_tls_mandatory_ciphers", StringComparison.Ordinal));
        Assert.Contains("postconf -e 'smtpd_tls_ciphers = medium'", ciphers.Fix!.Steps);
        Assert.Contains(ciphers.Evidence, e => e.Describe().Contains("\"export\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_SubmissionEnforces_NoFinding()
    {
        // Given a submission service that enforces TLS, so the mandatory settings do apply there
        var evidence = PostfixEvidenceBuilder.Build(
            PostfixEvidenceBuilder.ScenarioOneMainCf,
            "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o smtpd_tls_security_level=encrypt\n");

        // When / Then nothing is raised
        Assert.Empty(new MandatorySettingUnusedCheck().Evaluate(evidence));
    }
}
