using Xunit;
using MailTls.Core.Evidence;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Tests.Checks;

public class SourceUnavailableCheckTests
{
    public static TheoryData<FailureReason> Reasons => [.. Enum.GetValues<FailureReason>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Evaluate_AnyReason_GivesFixAndCitesSource(FailureReason reason)
    {
        // Given a failure of any kind
        var failure = new ProbeFailure("/etc/postfix", reason, "it failed");

        // When the check runs
        var finding = Assert.Single(new SourceUnavailableCheck().Evaluate(new EvidenceSet { SourceFailures = [failure] }));

        // Then the source is the evidence and there is advice to follow
        var evidence = Assert.IsType<SourceEvidence>(Assert.Single(finding.Evidence));
        Assert.Equal("/etc/postfix", evidence.Source);
        Assert.NotNull(finding.Fix);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix.Summary));
    }

    [Fact]
    public void Evaluate_PermissionDenied_SuggestsPrivilege()
    {
        // Given a log the user may not read
        var failure = new ProbeFailure("/var/log/mail.log", FailureReason.PermissionDenied, "denied");

        // When the check runs
        var finding = Assert.Single(new SourceUnavailableCheck().Evaluate(new EvidenceSet { SourceFailures = [failure] }));

        // Then the fix is about permissions, not about the server
        Assert.Contains("sudo mailtls ...", finding.Fix!.Steps);
        Assert.Equal(Severity.Warning, finding.Severity);
    }
}
