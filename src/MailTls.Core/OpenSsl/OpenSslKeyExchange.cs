namespace MailTls.Core.OpenSsl;

/// <summary>
/// Key-exchange algorithm of a TLS 1.2-and-below cipher suite, as OpenSSL classifies it
/// (<c>SSL_k*</c> in <c>ssl/ssl_local.h</c>). Bit values are mailtls's own and are shared by all eras;
/// a cipher-string alias is a mask over them.
/// </summary>
[Flags]
public enum OpenSslKeyExchange : uint
{
    /// <summary>No key-exchange constraint (TLS 1.3 suites, or an alias that does not restrict it).</summary>
    None = 0,
    /// <summary>Static RSA key transport (<c>kRSA</c>); no forward secrecy.</summary>
    Rsa = 1 << 0,
    /// <summary>Ephemeral finite-field Diffie-Hellman (<c>kDHE</c>/<c>kEDH</c>), including anonymous ADH.</summary>
    Dhe = 1 << 1,
    /// <summary>Ephemeral elliptic-curve Diffie-Hellman (<c>kECDHE</c>/<c>kEECDH</c>), including anonymous AECDH.</summary>
    Ecdhe = 1 << 2,
    /// <summary>Plain pre-shared key (<c>kPSK</c>).</summary>
    Psk = 1 << 3,
    /// <summary>GOST R 34.10 key exchange (<c>kGOST</c>); needs the GOST engine.</summary>
    Gost = 1 << 4,
    /// <summary>Secure Remote Password (<c>kSRP</c>).</summary>
    Srp = 1 << 5,
    /// <summary>RSA-encrypted pre-shared key (<c>kRSAPSK</c>).</summary>
    RsaPsk = 1 << 6,
    /// <summary>ECDHE with a pre-shared key (<c>kECDHEPSK</c>).</summary>
    EcdhePsk = 1 << 7,
    /// <summary>DHE with a pre-shared key (<c>kDHEPSK</c>).</summary>
    DhePsk = 1 << 8,
    /// <summary>GOST 2018 key exchange (<c>kGOST18</c>, OpenSSL 3.0).</summary>
    Gost18 = 1 << 9,
    /// <summary>Static DH with an RSA-signed DH certificate (<c>kDHr</c>, OpenSSL 1.0.x only).</summary>
    DhRsa = 1 << 16,
    /// <summary>Static DH with a DSA-signed DH certificate (<c>kDHd</c>, OpenSSL 1.0.x only).</summary>
    DhDss = 1 << 17,
    /// <summary>Kerberos 5 (<c>kKRB5</c>, OpenSSL 1.0.x built with Kerberos only).</summary>
    Krb5 = 1 << 18,
    /// <summary>Static ECDH with an RSA-signed ECDH certificate (<c>kECDHr</c>, OpenSSL 1.0.x only).</summary>
    EcdhRsa = 1 << 19,
    /// <summary>Static ECDH with an ECDSA-signed ECDH certificate (<c>kECDHe</c>, OpenSSL 1.0.x only).</summary>
    EcdhEcdsa = 1 << 20,
}
