namespace MailTls.Core.Tls;

/// <summary>Extension types (IANA TLS ExtensionType registry; RFC 8446 section 4.2). Unknown values are kept as numbers by casting.</summary>
public enum TlsExtensionType : ushort
{
    /// <summary>server_name, RFC 6066 (SNI).</summary>
    ServerName = 0,

    /// <summary>max_fragment_length, RFC 6066.</summary>
    MaxFragmentLength = 1,

    /// <summary>status_request, RFC 6066 (OCSP stapling).</summary>
    StatusRequest = 5,

    /// <summary>supported_groups (formerly elliptic_curves), RFC 8422 / RFC 7919.</summary>
    SupportedGroups = 10,

    /// <summary>ec_point_formats, RFC 8422.</summary>
    EcPointFormats = 11,

    /// <summary>signature_algorithms, RFC 8446.</summary>
    SignatureAlgorithms = 13,

    /// <summary>use_srtp, RFC 5764.</summary>
    UseSrtp = 14,

    /// <summary>heartbeat, RFC 6520.</summary>
    Heartbeat = 15,

    /// <summary>application_layer_protocol_negotiation, RFC 7301.</summary>
    ApplicationLayerProtocolNegotiation = 16,

    /// <summary>signed_certificate_timestamp, RFC 6962.</summary>
    SignedCertificateTimestamp = 18,

    /// <summary>padding, RFC 7685.</summary>
    Padding = 21,

    /// <summary>encrypt_then_mac, RFC 7366.</summary>
    EncryptThenMac = 22,

    /// <summary>extended_master_secret, RFC 7627.</summary>
    ExtendedMasterSecret = 23,

    /// <summary>compress_certificate, RFC 8879.</summary>
    CompressCertificate = 27,

    /// <summary>record_size_limit, RFC 8449.</summary>
    RecordSizeLimit = 28,

    /// <summary>session_ticket, RFC 5077.</summary>
    SessionTicket = 35,

    /// <summary>pre_shared_key, RFC 8446.</summary>
    PreSharedKey = 41,

    /// <summary>early_data, RFC 8446.</summary>
    EarlyData = 42,

    /// <summary>supported_versions, RFC 8446.</summary>
    SupportedVersions = 43,

    /// <summary>cookie, RFC 8446.</summary>
    Cookie = 44,

    /// <summary>psk_key_exchange_modes, RFC 8446.</summary>
    PskKeyExchangeModes = 45,

    /// <summary>certificate_authorities, RFC 8446.</summary>
    CertificateAuthorities = 47,

    /// <summary>post_handshake_auth, RFC 8446.</summary>
    PostHandshakeAuth = 49,

    /// <summary>signature_algorithms_cert, RFC 8446.</summary>
    SignatureAlgorithmsCert = 50,

    /// <summary>key_share, RFC 8446.</summary>
    KeyShare = 51,

    /// <summary>renegotiation_info, RFC 5746.</summary>
    RenegotiationInfo = 0xFF01,
}
