namespace MailTls.Core.OpenSsl;

/// <summary>
/// Server authentication of a TLS 1.2-and-below cipher suite, as OpenSSL classifies it
/// (<c>SSL_a*</c> in <c>ssl/ssl_local.h</c>); this is the certificate key type the server needs.
/// </summary>
[Flags]
public enum OpenSslAuthentication : uint
{
    /// <summary>No authentication constraint (TLS 1.3 suites, or an alias that does not restrict it).</summary>
    None = 0,
    /// <summary>RSA certificate (<c>aRSA</c>).</summary>
    Rsa = 1 << 0,
    /// <summary>DSA certificate (<c>aDSS</c>).</summary>
    Dss = 1 << 1,
    /// <summary>Anonymous: no certificate at all (<c>aNULL</c>).</summary>
    Null = 1 << 2,
    /// <summary>ECDSA certificate (<c>aECDSA</c>).</summary>
    Ecdsa = 1 << 3,
    /// <summary>Pre-shared key (<c>aPSK</c>).</summary>
    Psk = 1 << 4,
    /// <summary>GOST R 34.10-2001 (<c>aGOST01</c>).</summary>
    Gost01 = 1 << 5,
    /// <summary>SRP verifier (<c>aSRP</c>).</summary>
    Srp = 1 << 6,
    /// <summary>GOST R 34.10-2012 (<c>aGOST12</c>).</summary>
    Gost12 = 1 << 7,
    /// <summary>Static DH certificate (<c>aDH</c>, OpenSSL 1.0.x only).</summary>
    Dh = 1 << 16,
    /// <summary>Static ECDH certificate (<c>aECDH</c>, OpenSSL 1.0.x only).</summary>
    Ecdh = 1 << 17,
    /// <summary>Kerberos 5 (<c>aKRB5</c>, OpenSSL 1.0.x only).</summary>
    Krb5 = 1 << 18,
    /// <summary>GOST R 34.10-94 (<c>aGOST94</c>, OpenSSL 1.0.x only).</summary>
    Gost94 = 1 << 19,
}
