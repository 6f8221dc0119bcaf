using MailTls.Core.Evidence;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>
/// Reports every evidence source that could not be read, so a clean report is never mistaken for
/// a clean server when mailtls simply could not look.
/// </summary>
public sealed class SourceUnavailableCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var failure in evidence.SourceFailures)
        {
            yield return FindingCatalogue.SourceUnavailable.Raise(
                $"mailtls could not read {failure.Source}: {failure.Message}",
                [new SourceEvidence(failure.Source, failure.Message)],
                Advise(failure),
                affected: [failure.Source]);
        }
    }

    private static Remediation Advise(ProbeFailure failure) => failure.Reason switch
    {
        FailureReason.PermissionDenied => new(
            "Run mailtls as a user that may read the source (root, or a member of the group that owns it).",
            [$"ls -l {failure.Source}", "sudo mailtls ..."]),
        FailureReason.NotFound => new(
            "Point mailtls at the right path, or check that the program is installed.",
            [$"ls -l {failure.Source}"]),
        FailureReason.Timeout => new(
            "Allow more time, or check that the server answers at all.",
            ["mailtls --timeout 60 ..."]),
        FailureReason.Refused or FailureReason.Unreachable => new(
            "Check that the server is running and reachable from this machine.",
            [$"nc -vz {failure.Source.Replace(':', ' ')}"]),
        FailureReason.InvalidData => new(
            "Check that the source is what mailtls expects (a text log, a Postfix configuration).",
            [$"file {failure.Source}"]),
        FailureReason.ServerError or FailureReason.ToolFailed => new(
            "Run the step by hand to see the full error.",
            []),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Reason, "unknown failure reason"),
    };
}
