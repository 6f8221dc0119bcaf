using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis;

/// <summary>
/// The result of one mailtls run: what was read, what was skipped and what was found. This is what
/// every renderer (terminal, JSON, HTML) displays; renderers add nothing to it.
/// </summary>
public sealed record Report
{
    /// <summary>The JSON schema version (<c>docs/schema/report.v1.json</c>).</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The schema version this report follows.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The mailtls version that made the report.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The subcommand, e.g. <c>logs</c> or <c>doctor</c>.</summary>
    public required string Command { get; init; }

    /// <summary>When the report was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The inputs read, each with where it came from.</summary>
    public IReadOnlyList<ReportInput> Inputs { get; init; } = [];

    /// <summary>Steps not run, with why (e.g. "DNS checks: --offline").</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>Facts shown beside the findings, in order.</summary>
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];

    /// <summary>Counts to draw (the HTML report's charts), in order.</summary>
    public IReadOnlyList<ReportChart> Charts { get; init; } = [];

    /// <summary>Findings, most important first.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The highest severity among the findings, or null when there are none.</summary>
    public Severity? HighestSeverity => Findings.Count == 0 ? null : Findings.Max(f => f.Severity);
}
