namespace MailTls.Core.Postfix;

/// <summary>The protocol names of Postfix's <c>*_tls_protocols</c> lists, oldest first.</summary>
public enum PostfixProtocol
{
    /// <summary>SSL 2.0.</summary>
    SslV2,

    /// <summary>SSL 3.0.</summary>
    SslV3,

    /// <summary>TLS 1.0 (Postfix writes <c>TLSv1</c>).</summary>
    Tls10,

    /// <summary>TLS 1.1.</summary>
    Tls11,

    /// <summary>TLS 1.2.</summary>
    Tls12,

    /// <summary>TLS 1.3.</summary>
    Tls13,
}
