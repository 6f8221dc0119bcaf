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

    /// <summary>The certificate's key is too small (RSA/DSA under 2048 bits, EC under 256).</summary>
    public static FindingDefinition CertKeyWeak { get; } = new(
        new FindingId("cert-key-weak"),
        Severity.Warning,
        "The server certificate's key is too small",
        ["NIST SP 800-131A", "OpenSSL SSL_CTX_set_security_level(3)"]);

    /// <summary>The DH parameter file holds a group under 2048 bits, or cannot be read.</summary>
    public static FindingDefinition DhParamsWeak { get; } = new(
        new FindingId("dh-params-weak"),
        Severity.Warning,
        "The DH parameters for DHE are weak or unreadable",
        ["postconf(5) smtpd_tls_dh1024_param_file", "RFC 7919"]);

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
    public static FindingDefinition PolicyMatchWeakensLevel { get; } = new(
        new FindingId("policy-match-weakens-level"),
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
    public static FindingDefinition PolicyDaneWithoutDnssec { get; } = new(
        new FindingId("policy-dane-without-dnssec"),
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

    /// <summary>The server's chain is not trusted by the CAs smtp(8) uses.</summary>
    public static FindingDefinition PolicyChainUntrusted { get; } = new(
        new FindingId("policy-chain-untrusted"),
        Severity.Critical,
        "The server's chain is not trusted by the CAs smtp(8) uses",
        ["postconf(5) smtp_tls_CAfile", "postconf(5) smtp_tls_CApath"]);

    /// <summary>A verifying TLS policy with no CA configured.</summary>
    public static FindingDefinition PolicyNoCaConfigured { get; } = new(
        new FindingId("policy-no-ca-configured"),
        Severity.Critical,
        "A verifying TLS policy with no CA configured",
        ["postconf(5) smtp_tls_CAfile", "TLS_README: Mandatory server certificate verification"]);

    /// <summary>A TLS policy key that can never match.</summary>
    public static FindingDefinition PolicyEntryUnreachable { get; } = new(
        new FindingId("policy-entry-unreachable"),
        Severity.Warning,
        "A TLS policy key that can never match",
        ["postconf(5) smtp_tls_policy_maps"]);

    /// <summary>The ciphers, exclusions or protocols for a destination leave no handshake possible.</summary>
    public static FindingDefinition PolicyTlsUnsatisfiable { get; } = new(
        new FindingId("policy-tls-unsatisfiable"),
        Severity.Critical,
        "The destination's ciphers or protocols leave no possible handshake",
        ["postconf(5) smtp_tls_policy_maps", "postconf(5) smtp_tls_mandatory_protocols"]);

    /// <summary>The <c>_mta-sts</c> TXT record is malformed or duplicated, so senders ignore MTA-STS.</summary>
    public static FindingDefinition MtaStsRecordInvalid { get; } = new(
        new FindingId("mta-sts-record-invalid"),
        Severity.Warning,
        "The _mta-sts TXT record is invalid, so senders ignore MTA-STS",
        ["RFC 8461 section 3.1"]);

    /// <summary>The policy could not be fetched by the rules of RFC 8461 section 3.3.</summary>
    public static FindingDefinition MtaStsPolicyUnreachable { get; } = new(
        new FindingId("mta-sts-policy-unreachable"),
        Severity.Warning,
        "The MTA-STS policy cannot be fetched the way senders fetch it",
        ["RFC 8461 section 3.3", "RFC 8460 section 4.3.2.1 (sts-policy-fetch-error)"]);

    /// <summary>The policy body breaks the syntax of RFC 8461 section 3.2.</summary>
    public static FindingDefinition MtaStsPolicyInvalid { get; } = new(
        new FindingId("mta-sts-policy-invalid"),
        Severity.Warning,
        "The MTA-STS policy has syntax errors",
        ["RFC 8461 section 3.2", "RFC 8460 section 4.3.2.1 (sts-policy-invalid)"]);

    /// <summary>An MX host matches no <c>mx:</c> pattern of the policy.</summary>
    public static FindingDefinition MtaStsMxNotCovered { get; } = new(
        new FindingId("mta-sts-mx-not-covered"),
        Severity.Critical,
        "An MX host is not covered by the MTA-STS policy",
        ["RFC 8461 section 4.1", "RFC 8461 section 5"]);

    /// <summary>The policy is in testing mode: failures are reported but mail is not protected.</summary>
    public static FindingDefinition MtaStsTestingMode { get; } = new(
        new FindingId("mta-sts-testing-mode"),
        Severity.Info,
        "The MTA-STS policy is in testing mode",
        ["RFC 8461 section 5"]);

    /// <summary>The <c>_smtp._tls</c> TXT record is malformed or duplicated, so senders send no reports.</summary>
    public static FindingDefinition TlsRptRecordInvalid { get; } = new(
        new FindingId("tlsrpt-record-invalid"),
        Severity.Warning,
        "The _smtp._tls TLS-RPT record is invalid, so no reports arrive",
        ["RFC 8460 section 3"]);

    /// <summary>The EHLO reply lists no STARTTLS: every sender delivers in cleartext or not at all.</summary>
    public static FindingDefinition StartTlsNotOffered { get; } = new(
        new FindingId("starttls-not-offered"),
        Severity.Critical,
        "The server does not offer STARTTLS",
        ["RFC 3207", "postconf(5) smtpd_tls_security_level"]);

    /// <summary>The server turned the probe away (421/554, tarpit, greeting delay) before TLS could be judged.</summary>
    public static FindingDefinition ProbeBlocked { get; } = new(
        new FindingId("probe-blocked"),
        Severity.Warning,
        "The server turned the probe away before TLS",
        ["RFC 5321 section 3.1", "postscreen(8)"]);

    /// <summary>The server accepts SSL 3.0, or the TLS 1.0/1.1 versions RFC 8996 deprecates.</summary>
    public static FindingDefinition LegacyProtocolAccepted { get; } = new(
        new FindingId("legacy-protocol-accepted"),
        Severity.Info,
        "The server accepts a legacy protocol version",
        ["RFC 7568 (SSL 3.0)", "RFC 8996 (TLS 1.0 and 1.1)", "postconf(5) smtpd_tls_protocols"]);

    /// <summary>The server accepts suites without encryption, export-grade or broken ciphers.</summary>
    public static FindingDefinition WeakSuiteAccepted { get; } = new(
        new FindingId("weak-suite-accepted"),
        Severity.Warning,
        "The server accepts weak cipher suites",
        ["RFC 7465 (RC4)", "postconf(5) smtpd_tls_exclude_ciphers"]);

    /// <summary>The server negotiates suites without an ephemeral key exchange first.</summary>
    public static FindingDefinition NoForwardSecrecy { get; } = new(
        new FindingId("no-forward-secrecy"),
        Severity.Warning,
        "Sessions are not forward secret",
        ["RFC 7525 section 4.2"]);

    /// <summary>The server accepts TLS compression (CRIME).</summary>
    public static FindingDefinition TlsCompressionEnabled { get; } = new(
        new FindingId("tls-compression-enabled"),
        Severity.Warning,
        "The server accepts TLS compression",
        ["RFC 7525 section 3.3", "CVE-2012-4929 (CRIME)"]);

    /// <summary>A real sender's replayed ClientHello gets no session although it shares a protocol version with the server.</summary>
    public static FindingDefinition SenderCannotNegotiate { get; } = new(
        new FindingId("sender-cannot-negotiate"),
        Severity.Critical,
        "A real sender cannot negotiate TLS with this server",
        ["RFC 7435 (opportunistic security)", "postconf(5) smtpd_tls_ciphers"]);

    /// <summary>A second connection resumed no session of a first one, by any mechanism tested.</summary>
    public static FindingDefinition SessionResumptionUnavailable { get; } = new(
        new FindingId("session-resumption-unavailable"),
        Severity.Info,
        "The server resumes no TLS session",
        ["RFC 5246 section 7.3", "RFC 5077", "RFC 8446 section 2.2", "postconf(5) smtpd_tls_session_cache_database", "postconf(5) smtpd_tls_session_cache_timeout"]);

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
        CertKeyWeak,
        DhParamsWeak,
        PolicyInvalid,
        PolicySecureNameMismatch,
        PolicyMatchWeakensLevel,
        PolicyChainUntrusted,
        PolicyNoCaConfigured,
        PolicyEntryUnreachable,
        PolicyTlsUnsatisfiable,
        ParameterUnknown,
        ParameterObsolete,
        PolicyDaneWithoutDnssec,

        DaneTlsaMismatch,
        DaneNoUsableTlsa,
        DaneDnssecInsecure,
        DaneDnssecBogus,
        DaneRolloverUnsafe,
        DanePkixUsageIgnored,

        InboundHandshakeFailures,
        InboundCleartextFallback,
        PeerRejectsOurCertificate,
        OutboundTlsFailures,
        TlsSetupBroken,

        MtaStsRecordInvalid,
        MtaStsPolicyUnreachable,
        MtaStsPolicyInvalid,
        MtaStsMxNotCovered,
        MtaStsTestingMode,
        TlsRptRecordInvalid,

        StartTlsNotOffered,
        ProbeBlocked,
        LegacyProtocolAccepted,
        WeakSuiteAccepted,
        NoForwardSecrecy,
        TlsCompressionEnabled,
        SenderCannotNegotiate,
        SessionResumptionUnavailable,
    ];

    /// <summary>Looks up a definition by its id text.</summary>
    /// <param name="id">The id, e.g. <c>source-unavailable</c>.</param>
    /// <returns>The definition, or null when no finding has that id.</returns>
    public static FindingDefinition? Find(string id) =>
        All.FirstOrDefault(d => string.Equals(d.Id.Value, id, StringComparison.OrdinalIgnoreCase));
}
