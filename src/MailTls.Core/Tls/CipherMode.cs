namespace MailTls.Core.Tls;

/// <summary>Mode in which a suite's bulk cipher is used.</summary>
public enum CipherMode
{
    /// <summary>No encryption.</summary>
    None,

    /// <summary>A stream cipher (RC4, GOST 28147 CNT).</summary>
    Stream,

    /// <summary>CBC with a separate MAC (MAC-then-encrypt unless encrypt_then_mac is negotiated).</summary>
    Cbc,

    /// <summary>AES/ARIA/Camellia/SM4 GCM (AEAD).</summary>
    Gcm,

    /// <summary>CCM with a 16-byte tag (AEAD).</summary>
    Ccm,

    /// <summary>CCM with an 8-byte tag (AEAD).</summary>
    Ccm8,

    /// <summary>ChaCha20-Poly1305 (AEAD).</summary>
    Poly1305,

    /// <summary>Counter mode with OMAC (GOST).</summary>
    Ctr,

    /// <summary>Multilinear Galois mode (GOST, AEAD).</summary>
    Mgm,

    /// <summary>AEGIS (AEAD).</summary>
    Aegis,
}
