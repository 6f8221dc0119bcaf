namespace MailTls.Core.Tls;

/// <summary>Strength class of a suite's record protection, mailtls's own judgement (independent of anonymous authentication, reported separately).</summary>
public enum CipherStrength
{
    /// <summary>No encryption at all (NULL suites, TLS_SHA256_SHA256).</summary>
    None,

    /// <summary>Export-grade (40/56-bit), broken (FREAK, Logjam).</summary>
    Export,

    /// <summary>Single DES, RC4 or RC2: broken or practically breakable.</summary>
    Low,

    /// <summary>64-bit block or dated ciphers: 3DES (Sweet32), IDEA, SEED, GOST 28147.</summary>
    Medium,

    /// <summary>AES, Camellia, ARIA, ChaCha20, SM4, Kuznyechik, Magma, AEGIS.</summary>
    High,

    /// <summary>Not a suite: TLS_EMPTY_RENEGOTIATION_INFO_SCSV or TLS_FALLBACK_SCSV.</summary>
    Signalling,
}
