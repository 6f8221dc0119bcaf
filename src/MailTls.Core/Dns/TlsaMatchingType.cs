namespace MailTls.Core.Dns;

/// <summary>
/// The TLSA matching type field (RFC 6698 section 2.1.3; RFC 7218 section 2.3 mnemonics): how the
/// selected content is presented in the association data.
/// </summary>
public enum TlsaMatchingType : byte
{
    /// <summary><c>Full(0)</c>: the selected content itself, byte for byte.</summary>
    Full = 0,

    /// <summary><c>SHA2-256(1)</c>: the SHA-256 digest of the selected content.</summary>
    Sha256 = 1,

    /// <summary><c>SHA2-512(2)</c>: the SHA-512 digest of the selected content.</summary>
    Sha512 = 2,
}
