namespace MailTls.Core.Tls;

/// <summary>Why a TLS parser returned <see cref="ParseStatus.Invalid"/>.</summary>
public enum TlsParseError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The record content type is not one of RFC 8446 section 5.1 (the peer is not speaking TLS).</summary>
    UnknownContentType,

    /// <summary>The record version's major byte is not 3 (not SSLv3/TLS framing).</summary>
    UnknownRecordVersion,

    /// <summary>A record fragment is longer than <see cref="ParserLimits.MaxRecordFragmentLength"/>.</summary>
    RecordTooLong,

    /// <summary>A record of a type that must not be empty has length 0.</summary>
    EmptyRecord,

    /// <summary>A handshake message is longer than <see cref="ParserLimits.MaxHandshakeMessageLength"/>.</summary>
    HandshakeMessageTooLong,

    /// <summary>The handshake message is not of the type the reader expects.</summary>
    UnexpectedHandshakeType,

    /// <summary>A length or vector inside a message runs past the end of the message.</summary>
    Truncated,

    /// <summary>Bytes remain after the last field of a message or vector.</summary>
    TrailingData,

    /// <summary>A vector has a length that the RFC forbids (odd length of a uint16 list, empty required list).</summary>
    BadVectorLength,

    /// <summary>An extension appears twice (RFC 8446 section 4.2).</summary>
    DuplicateExtension,

    /// <summary>More extensions than <see cref="ParserLimits.MaxExtensions"/>.</summary>
    TooManyExtensions,

    /// <summary>More certificates than <see cref="ParserLimits.MaxCertificates"/>.</summary>
    TooManyCertificates,

    /// <summary>More certificate bytes than <see cref="ParserLimits.MaxCertificateChainBytes"/>.</summary>
    CertificateChainTooLarge,

    /// <summary>An empty DER certificate inside a Certificate message.</summary>
    EmptyCertificate,

    /// <summary>An alert record is not exactly two bytes, or its level is neither warning nor fatal.</summary>
    BadAlert,

    /// <summary>A ServerKeyExchange uses a curve type other than named_curve, or its kind is unknown.</summary>
    UnsupportedKeyExchange,

    /// <summary>A value is outside its allowed range (for example a ServerHelloDone with a body).</summary>
    BadValue,

    /// <summary>The bytes do not start with an SSL 2.0 two-byte record header.</summary>
    NotSslV2,

    /// <summary>More records of a type the handshake has no use for than a server would send (a flood).</summary>
    UnexpectedRecord,

    /// <summary>A TLS 1.3 record does not decrypt with the handshake keys (bad_record_mac), or holds no content type.</summary>
    DecryptionFailed,
}
