using System.Text.Json.Serialization;

namespace MailTls.Core.Logs;

/// <summary>
/// Why a TLS attempt ended as it did, as a stable code from <c>reference/causes.md</c>. "We" is
/// the MTA that wrote the log line. The JSON names are the codes.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TlsCause>))]
public enum TlsCause
{
    /// <summary>A TLS failure that could not be attributed; the event's detail keeps the raw reason.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>The handshake completed.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>No protocol version both sides allow.</summary>
    [JsonStringEnumMemberName("protocol_version_mismatch")]
    ProtocolVersionMismatch,

    /// <summary>Versions agree but no cipher suite, group or signature algorithm both sides allow.</summary>
    [JsonStringEnumMemberName("no_shared_cipher")]
    NoSharedCipher,

    /// <summary>The peer aborted with an alert about the certificate we sent.</summary>
    [JsonStringEnumMemberName("peer_rejected_our_certificate")]
    PeerRejectedOurCertificate,

    /// <summary>We are the client; no certificate name matched what our policy required.</summary>
    [JsonStringEnumMemberName("server_cert_name_mismatch")]
    ServerCertNameMismatch,

    /// <summary>We are the client; the server's chain did not verify.</summary>
    [JsonStringEnumMemberName("server_cert_untrusted")]
    ServerCertUntrusted,

    /// <summary>A certificate we checked is expired or not yet valid.</summary>
    [JsonStringEnumMemberName("cert_expired")]
    CertExpired,

    /// <summary>Usable TLSA records exist and none matched the presented chain.</summary>
    [JsonStringEnumMemberName("dane_tlsa_mismatch")]
    DaneTlsaMismatch,

    /// <summary>A TLSA or MX DNSSEC lookup failed, was bogus, or insecure where DANE was required.</summary>
    [JsonStringEnumMemberName("dane_lookup_failure")]
    DaneLookupFailure,

    /// <summary>A pinned certificate or key fingerprint did not match.</summary>
    [JsonStringEnumMemberName("fingerprint_mismatch")]
    FingerprintMismatch,

    /// <summary>We required TLS and the peer did not offer STARTTLS.</summary>
    [JsonStringEnumMemberName("tls_required_not_offered")]
    TlsRequiredNotOffered,

    /// <summary>Inbound: the peer tried to continue without TLS where we require it.</summary>
    [JsonStringEnumMemberName("tls_required_by_us")]
    TlsRequiredByUs,

    /// <summary>One side was not speaking TLS when the other was (plaintext, HTTP, implicit vs STARTTLS).</summary>
    [JsonStringEnumMemberName("tls_mode_mismatch")]
    TlsModeMismatch,

    /// <summary>The handshake did not finish within the timeout.</summary>
    [JsonStringEnumMemberName("handshake_timeout")]
    HandshakeTimeout,

    /// <summary>The peer closed or reset the connection during the handshake without a visible reason.</summary>
    [JsonStringEnumMemberName("peer_closed_during_handshake")]
    PeerClosedDuringHandshake,

    /// <summary>A client certificate was required and missing or rejected.</summary>
    [JsonStringEnumMemberName("client_certificate_problem")]
    ClientCertificateProblem,

    /// <summary>Our own TLS setup is broken (key/cert mismatch, unreadable file, no cipher match...).</summary>
    [JsonStringEnumMemberName("local_tls_config_error")]
    LocalTlsConfigError,
}
