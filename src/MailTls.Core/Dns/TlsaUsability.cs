namespace MailTls.Core.Dns;

/// <summary>
/// Whether an SMTP sender can use a TLSA record, and if not, why. RFC 7672 section 2.2 calls an
/// RRset whose records are all unusable "unusable"; the sender then still insists on TLS but does
/// not authenticate the server.
/// </summary>
public enum TlsaUsability
{
    /// <summary>A DANE-TA(2) or DANE-EE(3) record with a known selector, matching type and data length.</summary>
    Usable,

    /// <summary>PKIX-TA(0) or PKIX-EE(1): RFC 7672 section 3.1.3 says SMTP senders treat these as unusable.</summary>
    PkixUsage,

    /// <summary>A certificate usage no RFC defines.</summary>
    UnknownUsage,

    /// <summary>A selector other than Cert(0) or SPKI(1).</summary>
    UnknownSelector,

    /// <summary>A matching type other than Full(0), SHA2-256(1) or SHA2-512(2).</summary>
    UnknownMatchingType,

    /// <summary>The data is not 32 bytes for SHA2-256 or 64 bytes for SHA2-512, or is empty for Full.</summary>
    WrongDataLength,
}
