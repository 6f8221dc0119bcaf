namespace MailTls.Core.Tls;

/// <summary>
/// One cipher suite as known to <see cref="CipherSuiteRegistry"/>, or an unknown code kept as a number
/// (<see cref="IsKnown"/> false, names like <c>0xABCD</c>).
/// </summary>
/// <param name="Code">The two-byte code on the wire.</param>
/// <param name="IanaName">The IANA registry name, e.g. <c>TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256</c>.</param>
/// <param name="OpenSslName">OpenSSL's name (e.g. <c>ECDHE-RSA-AES128-GCM-SHA256</c>), or null if OpenSSL never implemented it.</param>
/// <param name="KeyExchange">Key exchange.</param>
/// <param name="Authentication">Server authentication.</param>
/// <param name="Encryption">Bulk cipher.</param>
/// <param name="Mode">Cipher mode.</param>
/// <param name="EncryptionKeyBits">Nominal key size in bits (40 for export ciphers, 168 for 3DES, 0 for none).</param>
/// <param name="Mac">Record integrity algorithm.</param>
/// <param name="Strength">Strength class.</param>
/// <param name="MinimumProtocol">Lowest protocol version in which the suite can be negotiated.</param>
public sealed record CipherSuiteInfo(
    ushort Code,
    string IanaName,
    string? OpenSslName,
    KeyExchangeAlgorithm KeyExchange,
    AuthenticationAlgorithm Authentication,
    BulkCipher Encryption,
    CipherMode Mode,
    int EncryptionKeyBits,
    MacAlgorithm Mac,
    CipherStrength Strength,
    TlsProtocolVersion MinimumProtocol)
{
    /// <summary>False for a code that is not in the registry (a private, GREASE or future value).</summary>
    public bool IsKnown { get; init; } = true;

    /// <summary>True for export-grade suites (IANA names containing <c>_EXPORT_</c>).</summary>
    public bool IsExport => Strength == CipherStrength.Export;

    /// <summary>True when the server is not authenticated (DH_anon, ECDH_anon).</summary>
    public bool IsAnonymous => Authentication == AuthenticationAlgorithm.Anonymous;

    /// <summary>True when the key exchange is ephemeral, so recorded traffic stays safe if the server key leaks.</summary>
    public bool HasForwardSecrecy => KeyExchange is KeyExchangeAlgorithm.Dhe or KeyExchangeAlgorithm.Ecdhe
        or KeyExchangeAlgorithm.DhePsk or KeyExchangeAlgorithm.EcdhePsk or KeyExchangeAlgorithm.Any;

    /// <summary>True for suites defined only for TLS 1.3 (0x13xx and the RFC 8998 SM suites).</summary>
    public bool IsTls13 => MinimumProtocol == TlsProtocolVersion.Tls13;

    /// <summary>The name to show: the OpenSSL name when there is one (what postmasters configure), else the IANA name.</summary>
    public string DisplayName => OpenSslName ?? IanaName;

    /// <summary>A placeholder for a code the registry does not know; the number is kept.</summary>
    public static CipherSuiteInfo Unknown(ushort code) => new(
        code,
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0x{code:X4}"),
        null,
        KeyExchangeAlgorithm.Any,
        AuthenticationAlgorithm.Any,
        BulkCipher.None,
        CipherMode.None,
        0,
        MacAlgorithm.Null,
        CipherStrength.None,
        TlsProtocolVersion.None)
    {
        IsKnown = false,
    };
}
