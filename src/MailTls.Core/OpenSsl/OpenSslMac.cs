namespace MailTls.Core.OpenSsl;

/// <summary>Record MAC of a cipher suite, as OpenSSL classifies it (<c>algorithm_mac</c>).</summary>
[Flags]
public enum OpenSslMac : uint
{
    /// <summary>No MAC constraint (aliases only).</summary>
    None = 0,
    /// <summary>HMAC-MD5.</summary>
    Md5 = 1 << 0,
    /// <summary>HMAC-SHA1 (the <c>SHA1</c>/<c>SHA</c> aliases).</summary>
    Sha1 = 1 << 1,
    /// <summary>GOST R 34.11-94.</summary>
    Gost94 = 1 << 2,
    /// <summary>GOST 28147-89 MAC.</summary>
    Gost89Mac = 1 << 3,
    /// <summary>HMAC-SHA256.</summary>
    Sha256 = 1 << 4,
    /// <summary>HMAC-SHA384.</summary>
    Sha384 = 1 << 5,
    /// <summary>No separate MAC: an AEAD cipher (GCM, CCM, ChaCha20-Poly1305).</summary>
    Aead = 1 << 6,
    /// <summary>GOST R 34.11-2012 (256-bit).</summary>
    Gost12With256 = 1 << 7,
    /// <summary>GOST 28147-89 MAC with 2012 parameters.</summary>
    Gost89Mac12 = 1 << 8,
    /// <summary>GOST R 34.11-2012 (512-bit).</summary>
    Gost12With512 = 1 << 9,
    /// <summary>Magma OMAC.</summary>
    MagmaOmac = 1 << 10,
    /// <summary>Kuznyechik OMAC.</summary>
    KuznyechikOmac = 1 << 11,
}
