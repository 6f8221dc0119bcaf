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

    /// <summary>Inbound TLS handshakes fail, per cause, naming the sending organisations.</summary>
    public static FindingDefinition InboundHandshakeFailures { get; } = new(
        new FindingId("inbound-handshake-failures"),
        Severity.Warning,
        "Senders fail the TLS handshake with this server",
        ["postconf(5) smtpd_tls_protocols, smtpd_tls_ciphers", "RFC 3207"]);

    /// <summary>A sender whose TLS handshake failed delivered the message in cleartext instead.</summary>
    public static FindingDefinition InboundCleartextFallback { get; } = new(
        new FindingId("inbound-cleartext-fallback"),
        Severity.Critical,
        "Senders fall back to cleartext after a failed TLS handshake",
        ["RFC 3207 section 4.1", "RFC 8461 (MTA-STS)"]);

    /// <summary>Peers abort the handshake with an alert about this server's own certificate.</summary>
    public static FindingDefinition PeerRejectsOurCertificate { get; } = new(
        new FindingId("peer-rejects-our-certificate"),
        Severity.Critical,
        "Peers reject this server's certificate",
        ["RFC 7672 (SMTP DANE)", "RFC 8446 section 6.2 (alerts)"]);

    /// <summary>Outbound TLS fails or our outbound policy refuses the session, per cause.</summary>
    public static FindingDefinition OutboundTlsFailures { get; } = new(
        new FindingId("outbound-tls-failures"),
        Severity.Warning,
        "Deliveries fail at TLS",
        ["postconf(5) smtp_tls_security_level, smtp_tls_policy_maps", "TLS_README: Client-side TLS"]);

    /// <summary>This server's TLS set-up fails when a process starts.</summary>
    public static FindingDefinition TlsSetupBroken { get; } = new(
        new FindingId("tls-setup-broken"),
        Severity.Critical,
        "This server's TLS set-up is broken",
        ["TLS_README: Server-side certificate and private key configuration"]);

    /// <summary>All definitions, in documentation order.</summary>
    public static IReadOnlyList<FindingDefinition> All { get; } =
    [
        SourceUnavailable,
        InboundHandshakeFailures,
        InboundCleartextFallback,
        PeerRejectsOurCertificate,
        OutboundTlsFailures,
        TlsSetupBroken,
    ];

    /// <summary>Looks up a definition by its id text.</summary>
    /// <param name="id">The id, e.g. <c>source-unavailable</c>.</param>
    /// <returns>The definition, or null when no finding has that id.</returns>
    public static FindingDefinition? Find(string id) =>
        All.FirstOrDefault(d => string.Equals(d.Id.Value, id, StringComparison.OrdinalIgnoreCase));
}
