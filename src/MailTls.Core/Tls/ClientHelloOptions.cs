namespace MailTls.Core.Tls;

/// <summary>
/// What <see cref="ClientHelloBuilder"/> puts into a ClientHello. Every field is explicit so a probe can
/// offer exactly one protocol version and one set of suites per connection.
/// </summary>
public sealed record ClientHelloOptions
{
    /// <summary>Highest version offered. TLS 1.3 is offered through supported_versions with legacy_version TLS 1.2.</summary>
    public TlsProtocolVersion MaxVersion { get; init; } = TlsProtocolVersion.Tls12;

    /// <summary>Lowest version listed in supported_versions (used only when <see cref="MaxVersion"/> is TLS 1.3).</summary>
    public TlsProtocolVersion MinVersion { get; init; } = TlsProtocolVersion.Tls13;

    /// <summary>Cipher suite codes in preference order, including legacy, export and unknown codes as given.</summary>
    public IReadOnlyList<ushort> CipherSuites { get; init; } = [];

    /// <summary>supported_groups, in preference order.</summary>
    public IReadOnlyList<TlsNamedGroup> SupportedGroups { get; init; } = [TlsNamedGroup.X25519, TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1, TlsNamedGroup.Secp521r1, TlsNamedGroup.X448];

    /// <summary>Groups for which a key_share entry is sent (TLS 1.3 only).</summary>
    public IReadOnlyList<TlsNamedGroup> KeyShareGroups { get; init; } = [TlsNamedGroup.X25519];

    /// <summary>signature_algorithms, sent only when TLS 1.2 or later is offered (RFC 5246 section 7.4.1.4.1).</summary>
    public IReadOnlyList<TlsSignatureScheme> SignatureAlgorithms { get; init; } =
    [
        TlsSignatureScheme.EcdsaSecp256r1Sha256, TlsSignatureScheme.EcdsaSecp384r1Sha384, TlsSignatureScheme.EcdsaSecp521r1Sha512,
        TlsSignatureScheme.Ed25519, TlsSignatureScheme.Ed448,
        TlsSignatureScheme.RsaPssRsaeSha256, TlsSignatureScheme.RsaPssRsaeSha384, TlsSignatureScheme.RsaPssRsaeSha512,
        TlsSignatureScheme.RsaPssPssSha256, TlsSignatureScheme.RsaPssPssSha384, TlsSignatureScheme.RsaPssPssSha512,
        TlsSignatureScheme.RsaPkcs1Sha256, TlsSignatureScheme.RsaPkcs1Sha384, TlsSignatureScheme.RsaPkcs1Sha512,
        TlsSignatureScheme.EcdsaSha224, TlsSignatureScheme.RsaPkcs1Sha224, TlsSignatureScheme.DsaSha256,
        TlsSignatureScheme.EcdsaSha1, TlsSignatureScheme.RsaPkcs1Sha1, TlsSignatureScheme.DsaSha1,
    ];

    /// <summary>Host name for server_name (SNI); null sends no SNI, as Postfix does by default.</summary>
    public string? ServerName { get; init; }

    /// <summary>How secure renegotiation support is signalled.</summary>
    public RenegotiationSignal Renegotiation { get; init; } = RenegotiationSignal.Scsv;

    /// <summary>Appends TLS_FALLBACK_SCSV (RFC 7507) to say this is a downgraded retry.</summary>
    public bool FallbackScsv { get; init; }

    /// <summary>Sends extended_master_secret (RFC 7627).</summary>
    public bool ExtendedMasterSecret { get; init; } = true;

    /// <summary>Sends an empty session_ticket extension (RFC 5077) to learn whether the server issues tickets.</summary>
    public bool SessionTicket { get; init; } = true;

    /// <summary>A ticket the server issued, sent in session_ticket to resume (RFC 5077 section 3.2); null sends the extension empty.</summary>
    public ReadOnlyMemory<byte>? SessionTicketData { get; init; }

    /// <summary>Sends encrypt_then_mac (RFC 7366).</summary>
    public bool EncryptThenMac { get; init; } = true;

    /// <summary>Offers DEFLATE compression before null, to detect servers that accept TLS compression (CRIME).</summary>
    public bool OfferDeflate { get; init; }

    /// <summary>
    /// When greater than zero, a padding extension (RFC 7685) makes the handshake message at least this
    /// long, as OpenSSL does (512) to avoid the F5 "256..511 bytes" hang.
    /// </summary>
    public int PadToLength { get; init; }

    /// <summary>Sends extensions at all. Off for a classic SSLv3 hello, which some old servers reject with extensions.</summary>
    public bool IncludeExtensions { get; init; } = true;

    /// <summary>legacy_record_version of the record; null picks TLS 1.0 (0x0301), or SSLv3 for an SSLv3 hello, as OpenSSL does.</summary>
    public ushort? RecordVersion { get; init; }

    /// <summary>The 32-byte client random; null draws one. Set it for reproducible bytes in tests.</summary>
    public ReadOnlyMemory<byte>? Random { get; init; }

    /// <summary>legacy_session_id; null sends 32 random bytes for TLS 1.3 (middlebox compatibility, RFC 8446 appendix D.4) and none otherwise.</summary>
    public ReadOnlyMemory<byte>? SessionId { get; init; }

    /// <summary>
    /// Supplies the key_share bytes for a group; null uses <see cref="ClientHelloBuilder.CreateKeyShare"/>.
    /// </summary>
    public Func<TlsNamedGroup, byte[]>? KeyShareFactory { get; init; }

    /// <summary>Options for a hello that offers only <paramref name="version"/> with <paramref name="cipherSuites"/>.</summary>
    public static ClientHelloOptions For(TlsProtocolVersion version, IReadOnlyList<ushort> cipherSuites) => new()
    {
        MaxVersion = version,
        MinVersion = version,
        CipherSuites = cipherSuites,
        IncludeExtensions = version != TlsProtocolVersion.Ssl3,
    };
}
