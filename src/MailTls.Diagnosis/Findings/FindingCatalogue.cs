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

    /// <summary>
    /// DANE SMTP (RFC 7672): usable TLSA records exist and none matches the chain the server
    /// presents, so DANE senders abort the handshake and defer mail (scenario 4).
    /// </summary>
    public static FindingDefinition DaneTlsaMismatch { get; } = new(
        new FindingId("dane-tlsa-mismatch"),
        Severity.Critical,
        "No TLSA record matches the certificate the server presents",
        ["RFC 7672 section 2.2", "RFC 7672 section 3.1", "RFC 7671 section 8.1"]);

    /// <summary>Every TLSA record is unusable for SMTP, so senders insist on TLS but authenticate nothing.</summary>
    public static FindingDefinition DaneNoUsableTlsa { get; } = new(
        new FindingId("dane-no-usable-tlsa"),
        Severity.Warning,
        "The TLSA RRset has no record an SMTP sender can use",
        ["RFC 7672 section 2.2", "RFC 7672 section 3.1.3"]);

    /// <summary>TLSA records exist but are not DNSSEC-validated, so DANE senders ignore them.</summary>
    public static FindingDefinition DaneDnssecInsecure { get; } = new(
        new FindingId("dane-dnssec-insecure"),
        Severity.Warning,
        "TLSA records are not protected by DNSSEC, so senders ignore them",
        ["RFC 7672 section 2.1", "RFC 7672 section 2.2"]);

    /// <summary>The TLSA lookup fails DNSSEC validation, so DANE senders defer mail.</summary>
    public static FindingDefinition DaneDnssecBogus { get; } = new(
        new FindingId("dane-dnssec-bogus"),
        Severity.Critical,
        "The TLSA lookup fails DNSSEC validation (bogus)",
        ["RFC 4035 section 5.5", "RFC 7672 section 2.2"]);

    /// <summary>The certificate files about to be deployed would not match the published TLSA records.</summary>
    public static FindingDefinition DaneRolloverUnsafe { get; } = new(
        new FindingId("dane-rollover-unsafe"),
        Severity.Warning,
        "Deploying the new certificate now would break DANE",
        ["RFC 7671 section 8.1", "RFC 7672 section 2.2"]);

    /// <summary>PKIX-TA(0) or PKIX-EE(1) records are published; SMTP senders ignore them.</summary>
    public static FindingDefinition DanePkixUsageIgnored { get; } = new(
        new FindingId("dane-pkix-usage-ignored"),
        Severity.Info,
        "TLSA records with PKIX usages are ignored by SMTP senders",
        ["RFC 7672 section 3.1.3"]);

    /// <summary>All definitions, in documentation order.</summary>
    public static IReadOnlyList<FindingDefinition> All { get; } =
    [
        SourceUnavailable,
        DaneTlsaMismatch,
        DaneNoUsableTlsa,
        DaneDnssecInsecure,
        DaneDnssecBogus,
        DaneRolloverUnsafe,
        DanePkixUsageIgnored,
    ];

    /// <summary>Looks up a definition by its id text.</summary>
    /// <param name="id">The id, e.g. <c>source-unavailable</c>.</param>
    /// <returns>The definition, or null when no finding has that id.</returns>
    public static FindingDefinition? Find(string id) =>
        All.FirstOrDefault(d => string.Equals(d.Id.Value, id, StringComparison.OrdinalIgnoreCase));
}
