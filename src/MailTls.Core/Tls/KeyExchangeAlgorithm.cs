namespace MailTls.Core.Tls;

/// <summary>Key exchange of a cipher suite, from its IANA name (RFC 5246 appendix A.5 and the RFCs that added suites).</summary>
public enum KeyExchangeAlgorithm
{
    /// <summary>No key exchange (TLS_NULL_WITH_NULL_NULL).</summary>
    Null,

    /// <summary>RSA key transport, no forward secrecy.</summary>
    Rsa,

    /// <summary>Static Diffie-Hellman from the certificate, no forward secrecy.</summary>
    Dh,

    /// <summary>Ephemeral finite-field Diffie-Hellman (also DH_anon).</summary>
    Dhe,

    /// <summary>Static elliptic-curve Diffie-Hellman from the certificate, no forward secrecy.</summary>
    Ecdh,

    /// <summary>Ephemeral elliptic-curve Diffie-Hellman (also ECDH_anon).</summary>
    Ecdhe,

    /// <summary>Pre-shared key only (RFC 4279).</summary>
    Psk,

    /// <summary>DHE with a pre-shared key.</summary>
    DhePsk,

    /// <summary>RSA key transport with a pre-shared key.</summary>
    RsaPsk,

    /// <summary>ECDHE with a pre-shared key (RFC 5489).</summary>
    EcdhePsk,

    /// <summary>Kerberos (RFC 2712).</summary>
    Kerberos,

    /// <summary>Secure Remote Password (RFC 5054).</summary>
    Srp,

    /// <summary>Password-authenticated ECC (RFC 8492).</summary>
    Eccpwd,

    /// <summary>GOST R 34.11-2012 key agreement (RFC 9189).</summary>
    Gost,

    /// <summary>TLS 1.3 suites: the key exchange is negotiated separately (supported_groups / key_share).</summary>
    Any,

    /// <summary>Not a suite: a signalling value (RFC 5746, RFC 7507).</summary>
    Scsv,
}
