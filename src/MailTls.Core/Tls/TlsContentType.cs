namespace MailTls.Core.Tls;

/// <summary>TLS record content types (RFC 8446 section 5.1, RFC 6520 for heartbeat).</summary>
public enum TlsContentType : byte
{
    /// <summary>change_cipher_spec(20).</summary>
    ChangeCipherSpec = 20,

    /// <summary>alert(21).</summary>
    Alert = 21,

    /// <summary>handshake(22).</summary>
    Handshake = 22,

    /// <summary>application_data(23).</summary>
    ApplicationData = 23,

    /// <summary>heartbeat(24), RFC 6520.</summary>
    Heartbeat = 24,
}
