namespace MailTls.Diagnosis.Findings;

/// <summary>
/// One diagnosed problem: what is wrong, why, the evidence, who is affected and what to change.
/// Create findings through <see cref="FindingDefinition.Raise"/> so id, title and documentation agree.
/// </summary>
public sealed record Finding
{
    /// <summary>The stable id, documented in <c>docs/findings.md</c>.</summary>
    public required FindingId Id { get; init; }

    /// <summary>How much it matters.</summary>
    public required Severity Severity { get; init; }

    /// <summary>A short title, the same for every finding with this id.</summary>
    public required string Title { get; init; }

    /// <summary>The root cause in one sentence, naming the peer and the setting.</summary>
    public required string Cause { get; init; }

    /// <summary>The evidence, most telling first.</summary>
    public IReadOnlyList<EvidenceRef> Evidence { get; init; } = [];

    /// <summary>Peers (hosts, organisations) or local services affected.</summary>
    public IReadOnlyList<string> Affected { get; init; } = [];

    /// <summary>How many events (sessions, messages, connections) this finding accounts for.</summary>
    public int Occurrences { get; init; }

    /// <summary>The fix, when there is one to suggest.</summary>
    public Remediation? Fix { get; init; }

    /// <summary>Where to read more: the finding's own documentation first, then RFCs and manuals.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>
    /// What tells findings with the same id apart (a log cause code, a service, a destination), so
    /// correlation rules can pick the one they join. Not part of the report.
    /// </summary>
    internal string? Topic { get; init; }
}
