namespace MailTls.Core.Tls;

/// <summary>Alert descriptions (RFC 8446 section 6, plus the values earlier versions and extensions defined). Unknown values are kept as numbers.</summary>
public enum TlsAlertDescription : byte
{
    /// <summary>close_notify.</summary>
    CloseNotify = 0,

    /// <summary>unexpected_message.</summary>
    UnexpectedMessage = 10,

    /// <summary>bad_record_mac.</summary>
    BadRecordMac = 20,

    /// <summary>decryption_failed (TLS 1.0 only, RFC 2246).</summary>
    DecryptionFailed = 21,

    /// <summary>record_overflow.</summary>
    RecordOverflow = 22,

    /// <summary>decompression_failure (TLS 1.2 and earlier).</summary>
    DecompressionFailure = 30,

    /// <summary>handshake_failure: typically no shared cipher suite, group or signature algorithm.</summary>
    HandshakeFailure = 40,

    /// <summary>no_certificate (SSLv3 only).</summary>
    NoCertificate = 41,

    /// <summary>bad_certificate.</summary>
    BadCertificate = 42,

    /// <summary>unsupported_certificate.</summary>
    UnsupportedCertificate = 43,

    /// <summary>certificate_revoked.</summary>
    CertificateRevoked = 44,

    /// <summary>certificate_expired.</summary>
    CertificateExpired = 45,

    /// <summary>certificate_unknown.</summary>
    CertificateUnknown = 46,

    /// <summary>illegal_parameter.</summary>
    IllegalParameter = 47,

    /// <summary>unknown_ca.</summary>
    UnknownCa = 48,

    /// <summary>access_denied.</summary>
    AccessDenied = 49,

    /// <summary>decode_error.</summary>
    DecodeError = 50,

    /// <summary>decrypt_error.</summary>
    DecryptError = 51,

    /// <summary>export_restriction (TLS 1.0 only).</summary>
    ExportRestriction = 60,

    /// <summary>protocol_version: the server does not accept the offered version.</summary>
    ProtocolVersion = 70,

    /// <summary>insufficient_security: the offered suites are all too weak for the server.</summary>
    InsufficientSecurity = 71,

    /// <summary>internal_error.</summary>
    InternalError = 80,

    /// <summary>inappropriate_fallback: TLS_FALLBACK_SCSV seen on a downgraded connection (RFC 7507).</summary>
    InappropriateFallback = 86,

    /// <summary>user_canceled.</summary>
    UserCanceled = 90,

    /// <summary>no_renegotiation (TLS 1.2 and earlier).</summary>
    NoRenegotiation = 100,

    /// <summary>missing_extension.</summary>
    MissingExtension = 109,

    /// <summary>unsupported_extension.</summary>
    UnsupportedExtension = 110,

    /// <summary>certificate_unobtainable (RFC 6066).</summary>
    CertificateUnobtainable = 111,

    /// <summary>unrecognized_name: the SNI host name is unknown to the server (RFC 6066).</summary>
    UnrecognizedName = 112,

    /// <summary>bad_certificate_status_response.</summary>
    BadCertificateStatusResponse = 113,

    /// <summary>bad_certificate_hash_value (RFC 6066).</summary>
    BadCertificateHashValue = 114,

    /// <summary>unknown_psk_identity.</summary>
    UnknownPskIdentity = 115,

    /// <summary>certificate_required.</summary>
    CertificateRequired = 116,

    /// <summary>no_application_protocol (RFC 7301).</summary>
    NoApplicationProtocol = 120,
}
