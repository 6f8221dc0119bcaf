using Xunit;
using MailTls.Core.Dns;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Tests.Checks.Dane;

public class DaneDnssecCheckTests
{
    [Fact]
    public void Evaluate_BogusAnswer_CriticalWithResolver()
    {
        // Given a TLSA lookup that failed validation
        var evidence = DaneTestData.Evidence(DaneTestData.Bogus());

        // When the check runs
        var finding = Assert.Single(new DaneDnssecCheck().Evaluate(evidence));

        // Then it is dane-dnssec-bogus, naming the resolver in the command to run
        Assert.Equal(FindingCatalogue.DaneDnssecBogus.Id, finding.Id);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("delv @127.0.0.1 -p 5353 _25._tcp.mx.example.com. TLSA", finding.Fix!.Steps[0]);
        Assert.Equal(DnssecStatus.Bogus, Assert.IsType<DnsEvidence>(Assert.Single(finding.Evidence)).Dnssec);
    }

    [Fact]
    public void Evaluate_InsecureRecords_Warning()
    {
        // Given TLSA records from an unsigned zone
        var evidence = DaneTestData.Evidence(
            DaneTestData.Answer(TlsaCalculator.RecordsToPublish(DaneTestData.Chain()), DnssecStatus.Insecure));

        // When the check runs
        var finding = Assert.Single(new DaneDnssecCheck().Evaluate(evidence));

        // Then it is dane-dnssec-insecure with each record as evidence
        Assert.Equal(FindingCatalogue.DaneDnssecInsecure.Id, finding.Id);
        Assert.Equal(2, finding.Evidence.Count);
    }

    [Theory]
    [InlineData(DnssecStatus.Secure)]
    [InlineData(DnssecStatus.Indeterminate)]
    public void Evaluate_SecureOrUnknown_NoFinding(DnssecStatus status)
    {
        // Given records that validated, or whose status cannot be told
        var evidence = DaneTestData.Evidence(DaneTestData.Answer(TlsaCalculator.RecordsToPublish(DaneTestData.Chain()), status));

        // When the check runs
        // Then it is silent
        Assert.Empty(new DaneDnssecCheck().Evaluate(evidence));
    }

    [Fact]
    public void Evaluate_InsecureButNoRecords_NoFinding()
    {
        // Given an unsigned zone without TLSA records
        var evidence = DaneTestData.Evidence(DaneTestData.Answer([], DnssecStatus.Insecure));

        // When the check runs
        // Then there is nothing to say: the host does not use DANE
        Assert.Empty(new DaneDnssecCheck().Evaluate(evidence));
    }
}
