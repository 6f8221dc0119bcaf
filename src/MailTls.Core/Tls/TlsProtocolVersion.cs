namespace MailTls.Core.Tls;

/// <summary>
/// Protocol versions as they appear on the wire (<c>ProtocolVersion</c>, RFC 8446 section 4.1.2).
/// SSL 2.0 has no such field in TLS records; <see cref="Ssl2"/> is the value an SSLv2 hello carries.
/// Unknown values (GREASE, drafts) are kept as numbers by casting.
/// </summary>
public enum TlsProtocolVersion : ushort
{
    /// <summary>Not known or not negotiated.</summary>
    None = 0,

    /// <summary>SSL 2.0 (the version field of an SSLv2 CLIENT-HELLO).</summary>
    Ssl2 = 0x0002,

    /// <summary>SSL 3.0, RFC 6101.</summary>
    Ssl3 = 0x0300,

    /// <summary>TLS 1.0, RFC 2246.</summary>
    Tls10 = 0x0301,

    /// <summary>TLS 1.1, RFC 4346.</summary>
    Tls11 = 0x0302,

    /// <summary>TLS 1.2, RFC 5246.</summary>
    Tls12 = 0x0303,

    /// <summary>TLS 1.3, RFC 8446.</summary>
    Tls13 = 0x0304,
}
