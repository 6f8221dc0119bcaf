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

    /// <summary>main.cf or master.cf has a line Postfix refuses.</summary>
    public static FindingDefinition ConfigSyntaxError { get; } = new(
        new FindingId("config-syntax-error"),
        Severity.Critical,
        "A configuration line Postfix refuses",
        ["postconf(5)", "master(5)"]);

    /// <summary>A protocol list Postfix cannot parse, which turns TLS off.</summary>
    public static FindingDefinition ProtocolListInvalid { get; } = new(
        new FindingId("protocol-list-invalid"),
        Severity.Critical,
        "Invalid TLS protocol list: TLS is disabled",
        ["postconf(5) smtpd_tls_protocols"]);

    /// <summary>A <c>*_mandatory_*</c> setting that no service applies.</summary>
    public static FindingDefinition MandatorySettingUnused { get; } = new(
        new FindingId("mandatory-setting-unused"),
        Severity.Info,
        "A mandatory TLS setting that never applies",
        ["postconf(5) smtpd_tls_mandatory_protocols", "TLS_README: Server-side TLS"]);

    /// <summary>Opportunistic inbound TLS that refuses what some senders offer.</summary>
    public static FindingDefinition InboundProtocolFloor { get; } = new(
        new FindingId("inbound-protocol-floor"),
        Severity.Critical,
        "Opportunistic inbound TLS refuses senders that offer older protocols",
        ["RFC 7435 (opportunistic security)", "postconf(5) smtpd_tls_protocols"]);

    /// <summary>All definitions, in documentation order.</summary>
    public static IReadOnlyList<FindingDefinition> All { get; } =
    [
        SourceUnavailable,
        ConfigSyntaxError,
        ProtocolListInvalid,
        MandatorySettingUnused,
        InboundProtocolFloor,
    ];

    /// <summary>Looks up a definition by its id text.</summary>
    /// <param name="id">The id, e.g. <c>source-unavailable</c>.</param>
    /// <returns>The definition, or null when no finding has that id.</returns>
    public static FindingDefinition? Find(string id) =>
        All.FirstOrDefault(d => string.Equals(d.Id.Value, id, StringComparison.OrdinalIgnoreCase));
}
