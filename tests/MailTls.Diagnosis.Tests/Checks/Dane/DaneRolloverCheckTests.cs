using Xunit;
using MailTls.Core.Dns;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Tests.Checks.Dane;

public class DaneRolloverCheckTests
{
    [Fact]
    public void Evaluate_NewKeyNotPublished_UnsafeWithOrderedPlan()
    {
        // Given records for the chain in use and a new chain with a new key and CA about to be deployed
        var current = DaneTestData.Chain();
        var next = DaneTestData.Chain("next");
        var evidence = DaneTestData.Evidence(DaneTestData.Answer(TlsaCalculator.RecordsToPublish(current), ttl: 300), served: current, deploy: next);

        // When the check runs
        var finding = Assert.Single(new DaneRolloverCheck().Evaluate(evidence));

        // Then the plan publishes the new records first, waits two TTLs, switches, then removes the old ones
        Assert.Equal(FindingCatalogue.DaneRolloverUnsafe.Id, finding.Id);
        var steps = finding.Fix!.Steps;
        var newLines = TlsaCalculator.RecordsToPublish(next).Select(r => "   " + r.ToZoneLine("_25._tcp.mx.example.com.", 300)).ToList();
        var oldLines = TlsaCalculator.RecordsToPublish(current).Select(r => "   " + r.ToZoneLine("_25._tcp.mx.example.com.", 300)).ToList();
        Assert.Equal(newLines, steps.Skip(1).Take(2));
        Assert.Contains(steps, s => s.Contains("600 s (twice the TTL)", StringComparison.Ordinal));
        Assert.Contains("new.pem", steps[5], StringComparison.Ordinal);
        Assert.Equal(oldLines, steps.TakeLast(2));
    }

    [Fact]
    public void Evaluate_SameIssuerStillPublished_Safe()
    {
        // Given a 2 1 1 record for the issuer that also signs the new leaf
        var current = DaneTestData.Chain();
        var renewed = new[] { DaneTestData.Chain()[0], current[1] };
        var evidence = DaneTestData.Evidence(DaneTestData.Answer(TlsaCalculator.RecordsToPublish(current)), deploy: renewed);

        // When the check runs
        // Then deployment is safe: the 2 1 1 record still matches
        Assert.Empty(new DaneRolloverCheck().Evaluate(evidence));
    }

    [Fact]
    public void Evaluate_NoDeployChain_NoFinding()
    {
        // Given no new files
        var evidence = DaneTestData.Evidence(DaneTestData.Answer(TlsaCalculator.RecordsToPublish(DaneTestData.Chain())));

        // When the check runs
        // Then there is no rollover to judge
        Assert.Empty(new DaneRolloverCheck().Evaluate(evidence));
    }
}
