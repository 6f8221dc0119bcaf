namespace MailTls.Core.Tls;

/// <summary>
/// The downgrade protection marker a TLS 1.3 server puts in the last 8 bytes of ServerHello.random
/// when it negotiates an older version (RFC 8446 section 4.1.3).
/// </summary>
public enum TlsDowngradeSentinel
{
    /// <summary>No marker.</summary>
    None,

    /// <summary>"DOWNGRD" 01: a TLS 1.3 server negotiated TLS 1.2.</summary>
    Tls12,

    /// <summary>"DOWNGRD" 00: a TLS 1.3 (or TLS 1.2 following RFC 8446) server negotiated TLS 1.1 or below.</summary>
    Tls11OrBelow,
}
