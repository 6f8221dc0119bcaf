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
