namespace MailTls.Core.OpenSsl;

/// <summary>Bulk encryption of a cipher suite, as OpenSSL classifies it (<c>algorithm_enc</c>).</summary>
[Flags]
public enum OpenSslEncryption : uint
{
    /// <summary>No encryption constraint (used by aliases only; real suites always have a bit).</summary>
    None = 0,
    /// <summary>Single DES (56-bit key; export variants 40-bit).</summary>
    Des = 1 << 0,
    /// <summary>Triple DES (168-bit key, 112-bit strength).</summary>
    TripleDes = 1 << 1,
    /// <summary>RC4 stream cipher (RFC 7465 forbids it in TLS).</summary>
    Rc4 = 1 << 2,
    /// <summary>RC2 (export suites only).</summary>
    Rc2 = 1 << 3,
    /// <summary>IDEA.</summary>
    Idea = 1 << 4,
    /// <summary>No encryption at all (<c>eNULL</c>).</summary>
    Null = 1 << 5,
    /// <summary>AES-128 in CBC mode.</summary>
    Aes128 = 1 << 6,
    /// <summary>AES-256 in CBC mode.</summary>
    Aes256 = 1 << 7,
    /// <summary>Camellia-128 in CBC mode.</summary>
    Camellia128 = 1 << 8,
    /// <summary>Camellia-256 in CBC mode.</summary>
    Camellia256 = 1 << 9,
    /// <summary>GOST 28147-89 in counter mode.</summary>
    Gost89 = 1 << 10,
    /// <summary>SEED.</summary>
    Seed = 1 << 11,
    /// <summary>AES-128-GCM.</summary>
    Aes128Gcm = 1 << 12,
    /// <summary>AES-256-GCM.</summary>
    Aes256Gcm = 1 << 13,
    /// <summary>AES-128-CCM.</summary>
    Aes128Ccm = 1 << 14,
    /// <summary>AES-256-CCM.</summary>
    Aes256Ccm = 1 << 15,
    /// <summary>AES-128-CCM with an 8-byte tag.</summary>
    Aes128Ccm8 = 1 << 16,
    /// <summary>AES-256-CCM with an 8-byte tag.</summary>
    Aes256Ccm8 = 1 << 17,
    /// <summary>GOST 28147-89 counter mode with 2012 key meshing.</summary>
    Gost89Cnt12 = 1 << 18,
    /// <summary>ChaCha20-Poly1305 (RFC 7905).</summary>
    ChaCha20Poly1305 = 1 << 19,
    /// <summary>ARIA-128-GCM.</summary>
    Aria128Gcm = 1 << 20,
    /// <summary>ARIA-256-GCM.</summary>
    Aria256Gcm = 1 << 21,
    /// <summary>GOST R 34.12-2015 Magma.</summary>
    Magma = 1 << 22,
    /// <summary>GOST R 34.12-2015 Kuznyechik.</summary>
    Kuznyechik = 1 << 23,
}
