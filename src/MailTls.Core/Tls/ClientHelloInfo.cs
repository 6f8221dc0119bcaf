using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>
/// A parsed ClientHello, copied out of the wire bytes: what a client offers. Used to replay recorded
/// hellos of real MTAs and to check the hellos mailtls builds.
/// </summary>
public sealed record ClientHelloInfo
{
    /// <summary>legacy_record_version of the first record (0 when parsed from a bare handshake message).</summary>
    public ushort RecordVersion { get; init; }

    /// <summary>legacy_version (client_version in TLS 1.2 and earlier).</summary>
    public ushort LegacyVersion { get; init; }

    /// <summary>Length of legacy_session_id (32 for a TLS 1.3 middlebox-compatible or resuming client).</summary>
    public int SessionIdLength { get; init; }

    /// <summary>Offered suites in order, including SCSVs, GREASE and unknown codes.</summary>
    public ImmutableArray<ushort> CipherSuites { get; init; } = [];

    /// <summary>legacy_compression_methods (0 = null, 1 = DEFLATE).</summary>
    public ImmutableArray<byte> CompressionMethods { get; init; } = [];

    /// <summary>Extensions in wire order.</summary>
    public ImmutableArray<TlsExtensionInfo> Extensions { get; init; } = [];

    /// <summary>supported_versions, in client order (empty when the extension is absent).</summary>
    public ImmutableArray<ushort> SupportedVersions { get; init; } = [];

    /// <summary>supported_groups, in client order.</summary>
    public ImmutableArray<TlsNamedGroup> SupportedGroups { get; init; } = [];

    /// <summary>key_share entries.</summary>
    public ImmutableArray<TlsKeyShareInfo> KeyShares { get; init; } = [];

    /// <summary>signature_algorithms, in client order.</summary>
    public ImmutableArray<TlsSignatureScheme> SignatureAlgorithms { get; init; } = [];

    /// <summary>ec_point_formats.</summary>
    public ImmutableArray<byte> EcPointFormats { get; init; } = [];

    /// <summary>The host_name of server_name (SNI), or null when absent.</summary>
    public string? ServerName { get; init; }

    /// <summary>True when the hello has an extension of <paramref name="type"/>.</summary>
    public bool HasExtension(TlsExtensionType type) => Extensions.Any(e => e.Type == type);

    /// <summary>True when TLS_FALLBACK_SCSV is offered (RFC 7507).</summary>
    public bool HasFallbackScsv => CipherSuites.Contains(ClientHelloBuilder.FallbackScsv);

    /// <summary>True when secure renegotiation is signalled by the SCSV or the renegotiation_info extension.</summary>
    public bool SignalsSecureRenegotiation =>
        CipherSuites.Contains(ClientHelloBuilder.EmptyRenegotiationInfoScsv) || HasExtension(TlsExtensionType.RenegotiationInfo);

    /// <summary>Offered versions: supported_versions without GREASE when present, otherwise legacy_version and everything below down to SSLv3.</summary>
    public ImmutableArray<TlsProtocolVersion> OfferedVersions
    {
        get
        {
            if (!SupportedVersions.IsEmpty)
            {
                return [.. SupportedVersions.Where(v => !CipherSuiteRegistry.IsGrease(v)).Select(v => (TlsProtocolVersion)v)];
            }

            var versions = ImmutableArray.CreateBuilder<TlsProtocolVersion>();
            for (var v = (int)LegacyVersion; v >= (int)TlsProtocolVersion.Ssl3; v--)
            {
                versions.Add((TlsProtocolVersion)v);
            }

            return versions.ToImmutable();
        }
    }

    /// <summary>The highest version offered.</summary>
    public TlsProtocolVersion HighestVersion => OfferedVersions.IsEmpty ? (TlsProtocolVersion)LegacyVersion : OfferedVersions.Max();
}
