namespace MailTls.Core.Tls;

/// <summary>Record integrity of a cipher suite (for AEAD suites the name's hash is the PRF hash, and the MAC is the AEAD).</summary>
public enum MacAlgorithm
{
    /// <summary>No integrity protection.</summary>
    Null,

    /// <summary>HMAC-MD5.</summary>
    Md5,

    /// <summary>HMAC-SHA1.</summary>
    Sha1,

    /// <summary>HMAC-SHA256.</summary>
    Sha256,

    /// <summary>HMAC-SHA384.</summary>
    Sha384,

    /// <summary>The AEAD cipher's tag.</summary>
    Aead,

    /// <summary>GOST 28147-89 IMIT.</summary>
    Gost28147Imit,

    /// <summary>GOST OMAC.</summary>
    GostOmac,

    /// <summary>SM3.</summary>
    Sm3,
}
