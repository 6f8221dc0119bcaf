namespace MailTls.Diagnosis.Findings;

/// <summary>
/// A catalogue entry: the fixed part of every finding with one id.
/// </summary>
/// <param name="Id">The stable id.</param>
/// <param name="DefaultSeverity">The severity unless a check has reason to choose another.</param>
/// <param name="Title">The short title shown in summaries.</param>
/// <param name="References">Standing references (RFC sections, manual pages) for every instance.</param>
public sealed record FindingDefinition(FindingId Id, Severity DefaultSeverity, string Title, IReadOnlyList<string> References)
{
    /// <summary>Creates a finding of this kind.</summary>
    /// <param name="cause">The root cause in one sentence.</param>
    /// <param name="evidence">What shows it.</param>
    /// <param name="fix">The change to make, if any.</param>
    /// <param name="affected">Peers or services affected.</param>
    /// <param name="occurrences">How many events it accounts for.</param>
    /// <param name="severity">A severity other than the default, when the check knows better.</param>
    /// <returns>The finding, with the documentation link as its first reference.</returns>
    public Finding Raise(
        string cause,
        IReadOnlyList<EvidenceRef> evidence,
        Remediation? fix = null,
        IReadOnlyList<string>? affected = null,
        int occurrences = 1,
        Severity? severity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cause);
        ArgumentNullException.ThrowIfNull(evidence);
        return new Finding
        {
            Id = Id,
            Severity = severity ?? DefaultSeverity,
            Title = Title,
            Cause = cause,
            Evidence = evidence,
            Affected = affected ?? [],
            Occurrences = occurrences,
            Fix = fix,
            References = [Id.DocumentationLink, .. References],
        };
    }
}
