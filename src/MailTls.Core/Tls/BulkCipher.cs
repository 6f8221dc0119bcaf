namespace MailTls.Core.Tls;

/// <summary>Record encryption algorithm of a cipher suite.</summary>
public enum BulkCipher
{
    /// <summary>No encryption (NULL suites, integrity only).</summary>
    None,

    /// <summary>RC4 stream cipher (RFC 7465 forbids it).</summary>
    Rc4,

    /// <summary>RC2 (export only).</summary>
    Rc2,

    /// <summary>Single DES, 56 or 40 bits.</summary>
    Des,

    /// <summary>Triple DES EDE (64-bit block, Sweet32).</summary>
    TripleDes,

    /// <summary>IDEA.</summary>
    Idea,

    /// <summary>SEED (RFC 4162).</summary>
    Seed,

    /// <summary>AES.</summary>
    Aes,

    /// <summary>Camellia (RFC 5932, RFC 6367).</summary>
    Camellia,

    /// <summary>ARIA (RFC 6209).</summary>
    Aria,

    /// <summary>ChaCha20 (RFC 7905).</summary>
    ChaCha20,

    /// <summary>SM4 (RFC 8998).</summary>
    Sm4,

    /// <summary>GOST 28147-89.</summary>
    Gost28147,

    /// <summary>GOST R 34.12-2015 Kuznyechik (RFC 9189, RFC 9367).</summary>
    Kuznyechik,

    /// <summary>GOST R 34.12-2015 Magma (RFC 9189, RFC 9367).</summary>
    Magma,

    /// <summary>AEGIS (draft-irtf-cfrg-aegis-aead).</summary>
    Aegis,
}
