using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks.Config;

public class CipherlistChecksTests
{
    private const string ScenarioTwoMainCf = """
        smtpd_tls_security_level = may
        smtpd_tls_protocols = !SSLv2, !SSLv3
        smtpd_tls_exclude_ciphers = aNULL, LOW, EXP, MEDIUM, ADH, AECDH, MD5, DSS, ECDSA, CAMELLIA128, 3DES, CAMELLIA256, RSA+AES, eNULL
        """;

    [Fact]
    public void NoSharedSuite_ScenarioTwo_NamesGmailTermsAndMinimalFix()
    {
        // Given scenario 2's exclusions on Postfix 2.6.6 / OpenSSL 1.0.1e (no certificate read: RSA assumed)
        var evidence = PostfixEvidenceBuilder.Build(ScenarioTwoMainCf, postfix: "2.6.6", openSsl: "1.0.1");

        // When the check runs
        var finding = Assert.Single(new CipherlistNoSharedSuiteCheck().Evaluate(evidence));

        // Then the Gmail-like sender is named with !RSA+AES, and the fix drops only that exclusion
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains(finding.Affected, a => a.Contains("scenario 2", StringComparison.Ordinal));
        Assert.Contains("!RSA+AES", finding.Cause, StringComparison.Ordinal);
        Assert.Equal(
            "postconf -e 'smtpd_tls_exclude_ciphers = aNULL, LOW, EXP, MEDIUM, ADH, AECDH, MD5, DSS, ECDSA, CAMELLIA128, 3DES, CAMELLIA256, eNULL'",
            finding.Fix!.Steps[0]);
        Assert.Contains("AES128-GCM-SHA256", finding.Fix.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSharedSuite_DefaultsOnOpenSsl3_OnlyHistoricalSendersAsInfo()
    {
        // Given today's defaults on OpenSSL 3, which has no RC4 or 3DES without the legacy provider
        var evidence = PostfixEvidenceBuilder.Build("smtpd_tls_security_level = may\n");

        // When the check runs
        var finding = Assert.Single(new CipherlistNoSharedSuiteCheck().Evaluate(evidence));

        // Then only senders of years ago (RC4-era Gmail, Windows XP) fail, reported as information
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.All(finding.Affected, a => Assert.True(a.Contains("2014", StringComparison.Ordinal) || a.Contains("Windows XP", StringComparison.Ordinal), a));
    }

    [Fact]
    public void TermPitfall_RsaAes_ShowsWhatItRemoved()
    {
        // Given scenario 2's "RSA+AES" exclusion
        var evidence = PostfixEvidenceBuilder.Build(ScenarioTwoMainCf, postfix: "2.6.6", openSsl: "1.0.1");

        // When the check runs
        var finding = Assert.Single(new CipherlistTermPitfallCheck().Evaluate(evidence));

        // Then it explains kRSA and lists the static-RSA AES suites it removed
        Assert.Contains("static RSA key exchange", finding.Cause, StringComparison.Ordinal);
        Assert.Contains("AES128-GCM-SHA256", finding.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain("ECDHE-RSA", finding.Cause.Split("removes")[1], StringComparison.Ordinal);
    }
}
