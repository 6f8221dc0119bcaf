namespace MailTls.Core.OpenSsl;

/// <summary>
/// OpenSSL error library numbers (<c>ERR_LIB_*</c> in <c>include/openssl/err.h</c>), stable from
/// 0.9.8 to 3.x. Only the libraries whose reasons mailtls attributes are named.
/// </summary>
internal enum OpenSslLibrary
{
    /// <summary>Unknown or not decoded.</summary>
    None = 0,

    /// <summary><c>ERR_LIB_SYS</c>: an errno from a system call (<c>system library</c>).</summary>
    System = 2,

    /// <summary><c>ERR_LIB_EVP</c>: digital envelope routines (e.g. <c>bad decrypt</c> of a key file).</summary>
    Evp = 6,

    /// <summary><c>ERR_LIB_PEM</c>: PEM file decoding.</summary>
    Pem = 9,

    /// <summary><c>ERR_LIB_X509</c>: certificate routines (e.g. <c>key values mismatch</c>).</summary>
    X509 = 11,

    /// <summary><c>ERR_LIB_SSL</c>: the TLS state machine.</summary>
    Ssl = 20,

    /// <summary><c>ERR_LIB_PROV</c> (3.x): provider routines (e.g. <c>bad decrypt</c> of a key file).</summary>
    Provider = 57,
}
