namespace MailTls.Core.Tls;

/// <summary>Server authentication of a cipher suite.</summary>
public enum AuthenticationAlgorithm
{
    /// <summary>No authentication (TLS_NULL_WITH_NULL_NULL).</summary>
    None,

    /// <summary>Anonymous (DH_anon, ECDH_anon): open to man-in-the-middle.</summary>
    Anonymous,

    /// <summary>RSA certificate.</summary>
    Rsa,

    /// <summary>DSA certificate.</summary>
    Dss,

    /// <summary>ECDSA certificate.</summary>
    Ecdsa,

    /// <summary>Pre-shared key.</summary>
    Psk,

    /// <summary>Kerberos ticket.</summary>
    Kerberos,

    /// <summary>SRP password verifier.</summary>
    Srp,

    /// <summary>ECC password.</summary>
    Eccpwd,

    /// <summary>GOST certificate.</summary>
    Gost,

    /// <summary>TLS 1.3 suites: authentication is negotiated by signature_algorithms.</summary>
    Any,

    /// <summary>Not a suite: a signalling value.</summary>
    Scsv,
}
