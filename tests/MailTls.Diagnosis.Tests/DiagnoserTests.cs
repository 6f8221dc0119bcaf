using Xunit;
using MailTls.Core.Evidence;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Tests;

public class DiagnoserTests
{
    [Fact]
    public void Rank_MixedFindings_OrdersBySeverityThenImpact()
    {
        // Given findings of every severity and impact, in no order
        var d = FindingCatalogue.SourceUnavailable;
        var info = d.Raise("info", [], severity: Severity.Info, occurrences: 1000);
        var smallCritical = d.Raise("small critical", [], severity: Severity.Critical, occurrences: 2);
        var bigCritical = d.Raise("big critical", [], severity: Severity.Critical, occurrences: 412);
        var warning = d.Raise("warning", [], severity: Severity.Warning, occurrences: 5);

        // When they are ranked
        var ranked = Diagnoser.Rank([info, smallCritical, warning, bigCritical]);

        // Then critical comes first, the larger impact first within a severity, info last
        Assert.Equal([bigCritical, smallCritical, warning, info], ranked);
    }

    [Fact]
    public void Diagnose_SourceFailures_RaiseOneFindingEach()
    {
        // Given two sources that could not be read
        var evidence = new EvidenceSet
        {
            SourceFailures =
            [
                new ProbeFailure("/var/log/mail.log", FailureReason.PermissionDenied, "Access to the path is denied."),
                new ProbeFailure("127.0.0.1:25", FailureReason.Refused, "Connection refused"),
            ],
        };

        // When the registered checks run
        var findings = Diagnoser.Diagnose(evidence);

        // Then each source is reported by name with its error
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("source-unavailable", f.Id.Value));
        Assert.Contains(findings, f => f.Cause.Contains("/var/log/mail.log", StringComparison.Ordinal)
            && f.Cause.Contains("denied", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Affected.SequenceEqual(["127.0.0.1:25"]));
    }

    [Fact]
    public void Diagnose_NoEvidence_NoFindings()
    {
        // Given nothing gathered
        // When the checks run
        var findings = Diagnoser.Diagnose(new EvidenceSet());

        // Then nothing is claimed
        Assert.Empty(findings);
    }
}
