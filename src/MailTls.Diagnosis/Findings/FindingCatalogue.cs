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

    /// <summary>A certificate or key file the server cannot use.</summary>
    public static FindingDefinition CertFileInvalid { get; } = new(
        new FindingId("cert-file-invalid"),
        Severity.Critical,
        "A certificate or key file the server cannot use",
        ["postconf(5) smtpd_tls_cert_file", "RFC 7468"]);

    /// <summary>The private key does not belong to the certificate.</summary>
    public static FindingDefinition CertKeyMismatch { get; } = new(
        new FindingId("cert-key-mismatch"),
        Severity.Critical,
        "The private key does not belong to the certificate",
        ["postconf(5) smtpd_tls_key_file"]);

    /// <summary>The certificate chain is out of order.</summary>
    public static FindingDefinition CertChainOrder { get; } = new(
        new FindingId("cert-chain-order"),
        Severity.Warning,
        "The certificate chain is out of order",
        ["RFC 8446 section 4.4.2", "postconf(5) smtpd_tls_cert_file"]);

    /// <summary>The chain lacks an intermediate certificate.</summary>
    public static FindingDefinition CertChainIncomplete { get; } = new(
        new FindingId("cert-chain-incomplete"),
        Severity.Warning,
        "The chain lacks an intermediate certificate",
        ["RFC 8461 section 4.2", "RFC 7672 section 3.1.2"]);

    /// <summary>The chain file includes the root certificate.</summary>
    public static FindingDefinition CertChainIncludesRoot { get; } = new(
        new FindingId("cert-chain-includes-root"),
        Severity.Info,
        "The chain file includes the root certificate",
        ["RFC 8446 section 4.4.2"]);

    /// <summary>The server certificate expires soon or is not valid now.</summary>
    public static FindingDefinition CertExpiring { get; } = new(
        new FindingId("cert-expiring"),
        Severity.Warning,
        "The server certificate expires soon or is not valid now",
        ["RFC 8461 section 4.2"]);

    /// <summary>The certificate does not name the server.</summary>
    public static FindingDefinition CertNameMismatch { get; } = new(
        new FindingId("cert-name-mismatch"),
        Severity.Warning,
        "The certificate does not name the server",
        ["RFC 6125 section 6.4", "RFC 8461 section 4.1"]);

    /// <summary>A TLS policy entry Postfix rejects.</summary>
    public static FindingDefinition PolicyInvalid { get; } = new(
        new FindingId("policy-invalid"),
        Severity.Critical,
        "A TLS policy entry Postfix rejects",
        ["postconf(5) smtp_tls_policy_maps"]);

    /// <summary>The certificate does not carry the names the TLS policy requires.</summary>
    public static FindingDefinition PolicySecureNameMismatch { get; } = new(
        new FindingId("policy-secure-name-mismatch"),
        Severity.Critical,
        "The certificate does not carry the names the TLS policy requires",
        ["postconf(5) smtp_tls_secure_cert_match", "TLS_README: Mandatory server certificate verification"]);

    /// <summary>match=hostname makes a secure policy trust DNS.</summary>
    public static FindingDefinition PolicyMatchHostnameWeakens { get; } = new(
        new FindingId("policy-match-hostname-weakens"),
        Severity.Warning,
        "match=hostname makes a secure policy trust DNS",
        ["postconf(5) smtp_tls_secure_cert_match", "RFC 7672 section 1.3"]);

    /// <summary>A parameter Postfix does not know.</summary>
    public static FindingDefinition ParameterUnknown { get; } = new(
        new FindingId("parameter-unknown"),
        Severity.Warning,
        "A parameter Postfix does not know",
        ["postconf(5)"]);

    /// <summary>An obsolete TLS parameter.</summary>
    public static FindingDefinition ParameterObsolete { get; } = new(
        new FindingId("parameter-obsolete"),
        Severity.Info,
        "An obsolete TLS parameter",
        ["postconf(5)", "TLS_README"]);

    /// <summary>DANE is configured but DNSSEC lookups are off.</summary>
    public static FindingDefinition DaneWithoutDnssec { get; } = new(
        new FindingId("dane-without-dnssec"),
        Severity.Critical,
        "DANE is configured but DNSSEC lookups are off",
        ["postconf(5) smtp_dns_support_level", "TLS_README: DANE TLS authentication", "RFC 7672 section 2.2"]);

    /// <summary>No cipher suite the sender offers survives the server's cipher list.</summary>
    public static FindingDefinition CipherlistNoSharedSuite { get; } = new(
        new FindingId("cipherlist-no-shared-suite"),
        Severity.Critical,
        "No cipher suite the sender offers survives the server's cipher list",
        ["RFC 7435 (opportunistic security)", "postconf(5) smtpd_tls_exclude_ciphers", "openssl-ciphers(1)"]);

    /// <summary>A cipher-list term matches other suites than it reads.</summary>
    public static FindingDefinition CipherlistTermPitfall { get; } = new(
        new FindingId("cipherlist-term-pitfall"),
        Severity.Warning,
        "A cipher-list term matches other suites than it reads",
        ["openssl-ciphers(1)"]);

    /// <summary>All definitions, in documentation order.</summary>
    public static IReadOnlyList<FindingDefinition> All { get; } =
    [
        SourceUnavailable,
        ConfigSyntaxError,
        ProtocolListInvalid,
        MandatorySettingUnused,
        InboundProtocolFloor,
        CipherlistNoSharedSuite,
        CipherlistTermPitfall,
        CertFileInvalid,
        CertKeyMismatch,
        CertChainOrder,
        CertChainIncomplete,
        CertChainIncludesRoot,
        CertExpiring,
        CertNameMismatch,
        PolicyInvalid,
        PolicySecureNameMismatch,
        PolicyMatchHostnameWeakens,
        ParameterUnknown,
        ParameterObsolete,
        DaneWithoutDnssec,
    ];

    /// <summary>Looks up a definition by its id text.</summary>
    /// <param name="id">The id, e.g. <c>source-unavailable</c>.</param>
    /// <returns>The definition, or null when no finding has that id.</returns>
    public static FindingDefinition? Find(string id) =>
        All.FirstOrDefault(d => string.Equals(d.Id.Value, id, StringComparison.OrdinalIgnoreCase));
}
