namespace MailTls.Core.Tls;

/// <summary>How a ClientHello signals support for secure renegotiation (RFC 5746 section 3.3).</summary>
public enum RenegotiationSignal
{
    /// <summary>No signal: tests whether the server insists on it.</summary>
    None,

    /// <summary>The TLS_EMPTY_RENEGOTIATION_INFO_SCSV cipher suite value (what OpenSSL sends; works with SSLv3 and extension-less hellos).</summary>
    Scsv,

    /// <summary>An empty renegotiation_info extension (what GnuTLS sends).</summary>
    Extension,
}
