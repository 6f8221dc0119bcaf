namespace MailTls.Core.Tls;

/// <summary>Signature schemes (RFC 8446 section 4.2.3; the legacy values are TLS 1.2 hash/signature pairs, RFC 5246 section 7.4.1.4.1).</summary>
public enum TlsSignatureScheme : ushort
{
    /// <summary>rsa_pkcs1_sha1.</summary>
    RsaPkcs1Sha1 = 0x0201,

    /// <summary>ecdsa_sha1.</summary>
    EcdsaSha1 = 0x0203,

    /// <summary>sha224/rsa (legacy).</summary>
    RsaPkcs1Sha224 = 0x0301,

    /// <summary>sha224/ecdsa (legacy).</summary>
    EcdsaSha224 = 0x0303,

    /// <summary>sha1/dsa (legacy).</summary>
    DsaSha1 = 0x0202,

    /// <summary>sha256/dsa (legacy).</summary>
    DsaSha256 = 0x0402,

    /// <summary>rsa_pkcs1_sha256.</summary>
    RsaPkcs1Sha256 = 0x0401,

    /// <summary>rsa_pkcs1_sha384.</summary>
    RsaPkcs1Sha384 = 0x0501,

    /// <summary>rsa_pkcs1_sha512.</summary>
    RsaPkcs1Sha512 = 0x0601,

    /// <summary>ecdsa_secp256r1_sha256.</summary>
    EcdsaSecp256r1Sha256 = 0x0403,

    /// <summary>ecdsa_secp384r1_sha384.</summary>
    EcdsaSecp384r1Sha384 = 0x0503,

    /// <summary>ecdsa_secp521r1_sha512.</summary>
    EcdsaSecp521r1Sha512 = 0x0603,

    /// <summary>rsa_pss_rsae_sha256.</summary>
    RsaPssRsaeSha256 = 0x0804,

    /// <summary>rsa_pss_rsae_sha384.</summary>
    RsaPssRsaeSha384 = 0x0805,

    /// <summary>rsa_pss_rsae_sha512.</summary>
    RsaPssRsaeSha512 = 0x0806,

    /// <summary>ed25519.</summary>
    Ed25519 = 0x0807,

    /// <summary>ed448.</summary>
    Ed448 = 0x0808,

    /// <summary>rsa_pss_pss_sha256.</summary>
    RsaPssPssSha256 = 0x0809,

    /// <summary>rsa_pss_pss_sha384.</summary>
    RsaPssPssSha384 = 0x080A,

    /// <summary>rsa_pss_pss_sha512.</summary>
    RsaPssPssSha512 = 0x080B,
}
