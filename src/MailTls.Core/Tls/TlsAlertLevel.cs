namespace MailTls.Core.Tls;

/// <summary>Alert level (RFC 8446 section 6; TLS 1.3 treats every alert except close_notify and user_canceled as fatal).</summary>
public enum TlsAlertLevel : byte
{
    /// <summary>warning(1).</summary>
    Warning = 1,

    /// <summary>fatal(2).</summary>
    Fatal = 2,
}
