using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks.Config;

public class ParameterChecksTests
{
    [Fact]
    public void Unknown_MisspeltTlsParameter_SuggestsTheRealOne()
    {
        // Given a misspelt protocol parameter, judged with the TLS-only table
        var evidence = PostfixEvidenceBuilder.Build("smtpd_tls_security_level = may\nsmtpd_tls_protocol = >=TLSv1.2\n");

        // When the check runs
        var finding = Assert.Single(new ParameterUnknownCheck().Evaluate(evidence));

        // Then it says Postfix ignores it and proposes the right name with the same value
        Assert.Contains("did you mean smtpd_tls_protocols?", finding.Cause, StringComparison.Ordinal);
        Assert.Equal(["postconf -X smtpd_tls_protocol", "postconf -e 'smtpd_tls_protocols = >=TLSv1.2'"], finding.Fix!.Steps);
    }

    [Fact]
    public void Unknown_UserParameterReferencedElsewhere_IsFine()
    {
        // Given a user-defined parameter used through $name, with complete defaults
        var evidence = PostfixEvidenceBuilder.Build("my_tls_files = /etc/ssl\nsmtpd_tls_cert_file = $my_tls_files/cert.pem\n", defaultsComplete: true);

        // When / Then nothing is raised for it
        Assert.Empty(new ParameterUnknownCheck().Evaluate(evidence));
    }

    [Fact]
    public void Unknown_CompleteDefaults_JudgesNonTlsNamesToo()
    {
        // Given a stray name, with complete defaults (postconf -d), and a per-transport parameter of a master.cf service
        var evidence = PostfixEvidenceBuilder.Build(
            "completely_made_up = 1\nrelay_destination_concurrency_limit = 5\n",
            "relay unix - - n - - smtp\n",
            defaultsComplete: true);

        // When the check runs
        var finding = Assert.Single(new ParameterUnknownCheck().Evaluate(evidence));

        // Then only the stray name is reported
        Assert.StartsWith("completely_made_up", finding.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_IncompleteDefaults_LeavesNonTlsNamesAlone()
    {
        // Given the same stray name with only the TLS table known
        var evidence = PostfixEvidenceBuilder.Build("completely_made_up = 1\n");

        // When / Then it is not judged
        Assert.Empty(new ParameterUnknownCheck().Evaluate(evidence));
    }

    [Fact]
    public void Unknown_ParameterOfALaterRelease_SaysWhichReleaseAddedIt()
    {
        // Given smtpd_tls_chain_files on Postfix 3.3.0, judged with the per-release table
        var evidence = PostfixEvidenceBuilder.Build("smtpd_tls_chain_files = /etc/postfix/chain.pem\n", postfix: "3.3.0");

        // When the check runs
        var finding = Assert.Single(new ParameterUnknownCheck().Evaluate(evidence));

        // Then it says 3.3.0 ignores it and 3.4.0 brought it
        Assert.Contains("not a Postfix 3.3.0 parameter", finding.Cause, StringComparison.Ordinal);
        Assert.Contains("it came with Postfix 3.4.0", finding.Cause, StringComparison.Ordinal);
        Assert.Equal(["postconf -X smtpd_tls_chain_files"], finding.Fix!.Steps);
    }

    [Fact]
    public void Unknown_ParameterAReleaseDropped_SaysWhichReleaseDroppedIt()
    {
        // Given tls_dane_digest_agility (2.11 to 3.3) on Postfix 3.7.11
        var evidence = PostfixEvidenceBuilder.Build("tls_dane_digest_agility = on\n");

        // When the check runs
        var finding = Assert.Single(new ParameterUnknownCheck().Evaluate(evidence));

        // Then it names the release that dropped it
        Assert.Contains("Postfix 3.4.0 dropped it", finding.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_TlsNameNoReleaseHas_IsReportedWithoutCompleteDefaults()
    {
        // Given a TLS-looking name no Postfix release has and nothing refers to, with only mailtls's table
        var evidence = PostfixEvidenceBuilder.Build("smtpd_tls_strict_mode = yes\n");

        // When the check runs
        var finding = Assert.Single(new ParameterUnknownCheck().Evaluate(evidence));

        // Then it is reported, since the table holds every TLS parameter of the release
        Assert.StartsWith("smtpd_tls_strict_mode", finding.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.7.11", true)]
    [InlineData("3.5.0", false)]
    public void Obsolete_EecdhGrade_OnlyFromTheReleaseThatIgnoresIt(string postfix, bool reported)
    {
        // Given smtpd_tls_eecdh_grade, ignored from Postfix 3.6 on
        var evidence = PostfixEvidenceBuilder.Build("smtpd_tls_eecdh_grade = ultra\n", postfix: postfix, openSsl: "1.1.1");

        // When both parameter checks run
        var obsolete = new ParameterObsoleteCheck().Evaluate(evidence).ToList();
        var unknown = new ParameterUnknownCheck().Evaluate(evidence).ToList();

        // Then only the releases that ignore it get the finding, and it is never "unknown"
        Assert.Equal(reported ? 1 : 0, obsolete.Count);
        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("/etc/postfix/dh2048.pem", "3.7.11", "3.0.15", true)]
    [InlineData("/etc/postfix/dh2048.pem", "3.7.11", "1.1.1", false)]
    [InlineData("/etc/postfix/dh2048.pem", "3.6.4", "3.0.15", false)]
    [InlineData("auto", "3.7.11", "3.0.15", false)]
    public void Obsolete_DhParamFile_OnlyFrom37WithOpenSsl3(string value, string postfix, string openSsl, bool reported)
    {
        // Given a custom DH parameter file
        var evidence = PostfixEvidenceBuilder.Build($"smtpd_tls_dh1024_param_file = {value}\n", postfix: postfix, openSsl: openSsl);

        // When the check runs
        var findings = new ParameterObsoleteCheck().Evaluate(evidence).ToList();

        // Then it is called obsolete only where postconf(5) says OpenSSL should choose (3.7+ with OpenSSL 3)
        Assert.Equal(reported ? 1 : 0, findings.Count);
    }

    [Fact]
    public void Obsolete_ScenarioOne_ReportsSmtpdUseTls()
    {
        // Given scenario 1's main.cf
        var evidence = PostfixEvidenceBuilder.Build(PostfixEvidenceBuilder.ScenarioOneMainCf);

        // When the check runs
        var finding = Assert.Single(new ParameterObsoleteCheck().Evaluate(evidence));

        // Then smtpd_use_tls is reported with its replacement
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains("smtpd_tls_security_level = may", finding.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smtp_tls_security_level = dane\n", null, Severity.Warning)]
    [InlineData("smtp_tls_security_level = may\n", "example.com dane-only\n", Severity.Critical)]
    public void PolicyDaneWithoutDnssec_Configured_Reported(string mainCf, string? table, Severity severity)
    {
        // Given DANE without smtp_dns_support_level = dnssec
        var evidence = PostfixEvidenceBuilder.Build(mainCf, policyTable: table);

        // When the check runs
        var finding = Assert.Single(new PolicyDaneWithoutDnssecCheck().Evaluate(evidence));

        // Then it says what happens, with the fix
        Assert.Equal(severity, finding.Severity);
        Assert.Equal("postconf -e 'smtp_dns_support_level = dnssec'", finding.Fix!.Steps[0]);
    }

    [Fact]
    public void PolicyDaneWithoutDnssec_DnssecOn_NoFinding()
    {
        // Given DANE with DNSSEC lookups on
        var evidence = PostfixEvidenceBuilder.Build("smtp_tls_security_level = dane\nsmtp_dns_support_level = dnssec\n");

        // When / Then nothing is raised
        Assert.Empty(new PolicyDaneWithoutDnssecCheck().Evaluate(evidence));
    }
}
