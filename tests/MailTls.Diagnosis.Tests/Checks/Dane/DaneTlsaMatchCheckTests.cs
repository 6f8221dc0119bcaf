using Xunit;
using MailTls.Core.Dns;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Tests.Checks.Dane;

public class DaneTlsaMatchCheckTests
{
    [Fact]
    public void Evaluate_StaleRecordsAfterRenewal_MismatchWithRecordsToPublish()
    {
        // Given signed 3 1 1 and 2 1 1 records for the previous chain, and the renewed chain served (scenario 4)
        var previous = DaneTestData.Chain("previous");
        var current = DaneTestData.Chain();
        var evidence = DaneTestData.Evidence(DaneTestData.Answer(TlsaCalculator.RecordsToPublish(previous)), served: current);

        // When the check runs
        var finding = Assert.Single(new DaneTlsaMatchCheck().Evaluate(evidence));

        // Then it is a critical mismatch whose fix is the exact zone lines for the served chain
        Assert.Equal(FindingCatalogue.DaneTlsaMismatch.Id, finding.Id);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("bad certificate", finding.Cause, StringComparison.Ordinal);
        var expected = TlsaCalculator.RecordsToPublish(current).Select(r => r.ToZoneLine("_25._tcp.mx.example.com.", 3600));
        Assert.Equal(expected, finding.Fix!.Steps.Take(2));
        Assert.StartsWith("_25._tcp.mx.example.com. 3600 IN TLSA 3 1 1 ", finding.Fix.Steps[0], StringComparison.Ordinal);
        Assert.StartsWith("_25._tcp.mx.example.com. 3600 IN TLSA 2 1 1 ", finding.Fix.Steps[1], StringComparison.Ordinal);
        var explanations = finding.Evidence.OfType<HandshakeEvidence>().Select(e => e.Fact).ToList();
        Assert.Equal(2, explanations.Count);
        Assert.Contains("the leaf CN=mx.example.com", explanations[0], StringComparison.Ordinal);
        Assert.Contains("chain certificate 1 CN=Test CA current", explanations[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "mx.example.com:25 presents")]
    [InlineData(2525, "mx.example.com:2525 presents")]
    public void Evaluate_ChainReadFromAnotherPort_CauseNamesThatPortAndTheRecordsStayAt25(int? servedPort, string expected)
    {
        // Given stale records at _25._tcp and the renewed chain read from the MX service, on port 25 or (doctor --mx-port) elsewhere
        var evidence = DaneTestData.Evidence(DaneTestData.Answer(TlsaCalculator.RecordsToPublish(DaneTestData.Chain("previous"))), served: DaneTestData.Chain());
        evidence = evidence with { Tlsa = [evidence.Tlsa[0] with { ServedPort = servedPort }] };

        // When the check runs
        var finding = Assert.Single(new DaneTlsaMatchCheck().Evaluate(evidence));

        // Then the cause names where the certificate was served, while the records and the fix stay under _25._tcp
        Assert.Contains(expected, finding.Cause, StringComparison.Ordinal);
        Assert.Contains("_25._tcp.mx.example.com.", finding.Cause, StringComparison.Ordinal);
        Assert.StartsWith("_25._tcp.mx.example.com. ", finding.Fix!.Steps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RecordsMatch_NoFinding()
    {
        // Given records for the served chain
        var current = DaneTestData.Chain();
        var evidence = DaneTestData.Evidence(DaneTestData.Answer(TlsaCalculator.RecordsToPublish(current)), served: current);

        // When the check runs
        // Then it is silent
        Assert.Empty(new DaneTlsaMatchCheck().Evaluate(evidence));
    }

    [Fact]
    public void Evaluate_PkixOnly_NoUsableAndPkixIgnored()
    {
        // Given only a PKIX-EE record for the served leaf
        var current = DaneTestData.Chain();
        var evidence = DaneTestData.Evidence(
            DaneTestData.Answer([TlsaCalculator.Compute(current[0], TlsaCertificateUsage.PkixEe)]), served: current);

        // When the check runs
        var ids = new DaneTlsaMatchCheck().Evaluate(evidence).Select(f => f.Id).ToList();

        // Then the PKIX usage is reported as ignored and the set as unusable, not as a mismatch
        Assert.Equal([FindingCatalogue.DanePkixUsageIgnored.Id, FindingCatalogue.DaneNoUsableTlsa.Id], ids);
    }

    [Theory]
    [InlineData(DnssecStatus.Insecure)]
    [InlineData(DnssecStatus.Bogus)]
    public void Evaluate_RecordsNotValidated_LeftToDnssecCheck(DnssecStatus status)
    {
        // Given stale records that a sender ignores (insecure) or cannot see (bogus)
        var evidence = DaneTestData.Evidence(
            DaneTestData.Answer(TlsaCalculator.RecordsToPublish(DaneTestData.Chain("previous")), status), served: DaneTestData.Chain());

        // When the check runs
        // Then no match finding is raised
        Assert.Empty(new DaneTlsaMatchCheck().Evaluate(evidence));
    }

    [Fact]
    public void Evaluate_NoServedChain_NoMismatch()
    {
        // Given records but no observed chain
        var evidence = DaneTestData.Evidence(DaneTestData.Answer(TlsaCalculator.RecordsToPublish(DaneTestData.Chain())));

        // When the check runs
        // Then nothing is claimed about matching
        Assert.Empty(new DaneTlsaMatchCheck().Evaluate(evidence));
    }
}
