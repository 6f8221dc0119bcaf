namespace MailTls.Core.Tls;

/// <summary>Named groups for (EC)DHE (IANA TLS Supported Groups registry). Unknown values are kept as numbers by casting.</summary>
public enum TlsNamedGroup : ushort
{
    /// <summary>secp256r1 (NIST P-256).</summary>
    Secp256r1 = 23,

    /// <summary>secp384r1 (NIST P-384).</summary>
    Secp384r1 = 24,

    /// <summary>secp521r1 (NIST P-521).</summary>
    Secp521r1 = 25,

    /// <summary>brainpoolP256r1, RFC 7027.</summary>
    BrainpoolP256r1 = 26,

    /// <summary>brainpoolP384r1, RFC 7027.</summary>
    BrainpoolP384r1 = 27,

    /// <summary>brainpoolP512r1, RFC 7027.</summary>
    BrainpoolP512r1 = 28,

    /// <summary>x25519, RFC 8422.</summary>
    X25519 = 29,

    /// <summary>x448, RFC 8422.</summary>
    X448 = 30,

    /// <summary>ffdhe2048, RFC 7919.</summary>
    Ffdhe2048 = 256,

    /// <summary>ffdhe3072, RFC 7919.</summary>
    Ffdhe3072 = 257,

    /// <summary>ffdhe4096, RFC 7919.</summary>
    Ffdhe4096 = 258,

    /// <summary>ffdhe6144, RFC 7919.</summary>
    Ffdhe6144 = 259,

    /// <summary>ffdhe8192, RFC 7919.</summary>
    Ffdhe8192 = 260,

    /// <summary>MLKEM768 (draft-ietf-tls-mlkem).</summary>
    MlKem768 = 0x0201,

    /// <summary>SecP256r1MLKEM768 (draft-ietf-tls-ecdhe-mlkem).</summary>
    SecP256r1MlKem768 = 0x11EB,

    /// <summary>X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem).</summary>
    X25519MlKem768 = 0x11EC,
}
