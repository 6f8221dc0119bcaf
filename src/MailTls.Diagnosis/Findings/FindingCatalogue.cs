namespace MailTls.Diagnosis.Findings;

/// <summary>
/// Every finding mailtls can raise. Each id has an anchor in <c>docs/findings.md</c>; a test keeps
/// the two in step. Ids are never removed or reused: retire one by leaving it here.
/// </summary>
public static class FindingCatalogue
{
    /// <summary>An evidence source (log file, postconf, a server, DNS) could not be read.</summary>
    public static FindingDefinition SourceUnavailable { get; } = new(
        new FindingId("source-unavailable"),
        Severity.Warning,
        "An evidence source could not be read",
        []);

    /// <summary>All definitions, in documentation order.</summary>
    public static IReadOnlyList<FindingDefinition> All { get; } =
    [
        SourceUnavailable,
    ];

    /// <summary>Looks up a definition by its id text.</summary>
    /// <param name="id">The id, e.g. <c>source-unavailable</c>.</param>
    /// <returns>The definition, or null when no finding has that id.</returns>
    public static FindingDefinition? Find(string id) =>
        All.FirstOrDefault(d => string.Equals(d.Id.Value, id, StringComparison.OrdinalIgnoreCase));
}
