namespace MailTls.Core.OpenSsl;

/// <summary>
/// One row of an OpenSSL cipher table (<c>ssl3_ciphers[]</c> or <c>tls13_ciphers[]</c>): the facts the
/// cipher-string rules match on, plus the IANA identity needed to compare with a peer's ClientHello.
/// </summary>
/// <param name="Name">OpenSSL name, as <c>openssl ciphers</c> prints it (<c>ECDHE-RSA-AES128-GCM-SHA256</c>).</param>
/// <param name="Code">IANA cipher-suite code point (RFC 8446 §B.4, IANA TLS Cipher Suites registry).</param>
/// <param name="StandardName">IANA name (<c>TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256</c>) when known.</param>
/// <param name="KeyExchange">Key-exchange class.</param>
/// <param name="Authentication">Server authentication, i.e. the certificate type the server needs.</param>
/// <param name="Encryption">Bulk cipher.</param>
/// <param name="Mac">Record MAC (<see cref="OpenSslMac.Aead"/> for AEAD ciphers).</param>
/// <param name="MinimumProtocol">The protocol class the version aliases select on.</param>
/// <param name="Strength">Strength-class and default-list flags.</param>
/// <param name="StrengthBits">Effective symmetric strength in bits; what <c>@STRENGTH</c> sorts by and security levels compare.</param>
/// <param name="AlgorithmBits">Key size of the bulk cipher in bits.</param>
/// <param name="Requires">Compile-time option the suite depends on.</param>
public sealed record OpenSslCipherSuite(
    string Name,
    ushort Code,
    string? StandardName,
    OpenSslKeyExchange KeyExchange,
    OpenSslAuthentication Authentication,
    OpenSslEncryption Encryption,
    OpenSslMac Mac,
    OpenSslProtocol MinimumProtocol,
    OpenSslStrength Strength,
    int StrengthBits,
    int AlgorithmBits,
    OpenSslBuildRequirement Requires)
{
    /// <summary>True for a TLS 1.3 suite, which is configured with <c>-ciphersuites</c>, not with the cipher string.</summary>
    public bool IsTls13 => MinimumProtocol == OpenSslProtocol.TlsV13;

    /// <summary>True when the key exchange is ephemeral (forward secret), as security level 3 requires.</summary>
    public bool IsForwardSecret =>
        IsTls13 || (KeyExchange & (OpenSslKeyExchange.Dhe | OpenSslKeyExchange.Ecdhe
            | OpenSslKeyExchange.DhePsk | OpenSslKeyExchange.EcdhePsk)) != 0;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
