using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>What a server chose, read from its ServerHello or HelloRetryRequest.</summary>
public sealed record ServerHelloInfo
{
    /// <summary>legacy_version (server_version before TLS 1.3).</summary>
    public ushort LegacyVersion { get; init; }

    /// <summary>The negotiated version: supported_versions when present (TLS 1.3), otherwise legacy_version.</summary>
    public TlsProtocolVersion Version { get; init; }

    /// <summary>True when this is a HelloRetryRequest (the special random of RFC 8446 section 4.1.3).</summary>
    public bool IsHelloRetryRequest { get; init; }

    /// <summary>The chosen cipher suite.</summary>
    public ushort CipherSuite { get; init; }

    /// <summary>The chosen compression method (1 = DEFLATE means TLS compression is enabled).</summary>
    public byte CompressionMethod { get; init; }

    /// <summary>Length of the session id (0 when the server does not offer session-id resumption).</summary>
    public int SessionIdLength { get; init; }

    /// <summary>The server random (RFC 5246 section 7.4.1.3), input to the TLS 1.2 key derivation.</summary>
    public ImmutableArray<byte> Random { get; init; } = [];

    /// <summary>The session id: new for a full handshake, or the client's echoed when the server resumes (RFC 5246 section 7.4.1.3, RFC 5077 section 3.4).</summary>
    public ImmutableArray<byte> SessionId { get; init; } = [];

    /// <summary>Extensions in wire order.</summary>
    public ImmutableArray<TlsExtensionInfo> Extensions { get; init; } = [];

    /// <summary>The group of the server's key_share, or the group a HelloRetryRequest asks for.</summary>
    public TlsNamedGroup? KeyShareGroup { get; init; }

    /// <summary>The server's key_share public value (TLS 1.3 ServerHello); empty otherwise.</summary>
    public ImmutableArray<byte> KeyShare { get; init; } = [];

    /// <summary>Downgrade marker in the server random.</summary>
    public TlsDowngradeSentinel DowngradeSentinel { get; init; }

    /// <summary>True when the server sent an extension of <paramref name="type"/>.</summary>
    public bool HasExtension(TlsExtensionType type) => Extensions.Any(e => e.Type == type);

    /// <summary>True when the server supports secure renegotiation (renegotiation_info, RFC 5746); always true in TLS 1.3.</summary>
    public bool SupportsSecureRenegotiation => Version >= TlsProtocolVersion.Tls13 || HasExtension(TlsExtensionType.RenegotiationInfo);

    /// <summary>The registry entry of <see cref="CipherSuite"/>.</summary>
    public CipherSuiteInfo Suite => CipherSuiteRegistry.Get(CipherSuite);
}
