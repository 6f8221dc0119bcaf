using MailTls.Core.Postfix;
using MailTls.Core.Tls;

namespace MailTls.Core.Profiles;

/// <summary>
/// What one sending client offers in its ClientHello, with where that knowledge came from.
/// Unknown fields stay empty rather than guessed.
/// </summary>
public sealed record SenderProfile
{
    /// <summary>Stable id, the file name of its data.</summary>
    public required string Id { get; init; }

    /// <summary>A human name, e.g. "Postfix 3.7 (Debian 12) at level may".</summary>
    public required string Name { get; init; }

    /// <summary>What it stands for.</summary>
    public required SenderRole Role { get; init; }

    /// <summary>How it was obtained: captured-here, published, derived-from-...</summary>
    public required string SourceType { get; init; }

    /// <summary>The data's own statement of confidence.</summary>
    public required string Confidence { get; init; }

    /// <summary>The year the observation dates from, when the profile records it (derived profiles do).</summary>
    public int? Era { get; init; }

    /// <summary>Whether the profile describes a sender as it was years ago (before 2016), not as it is now.</summary>
    public bool IsHistorical => Era is < 2016;

    /// <summary>The versions offered, oldest first; empty when unknown.</summary>
    public IReadOnlyList<PostfixProtocol> OfferedVersions { get; init; } = [];

    /// <summary>The highest version offered, when known.</summary>
    public PostfixProtocol? MaxVersion => OfferedVersions.Count == 0 ? null : OfferedVersions[^1];

    /// <summary>IANA codes of the offered cipher suites, in the client's order; empty when unknown.</summary>
    public IReadOnlyList<ushort> CipherSuites { get; init; } = [];

    /// <summary>
    /// The cipher string <see cref="CipherSuites"/> was evaluated from, with the OpenSSL it was evaluated
    /// for ("aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH on OpenSSL 1.1.1f at security level 0"), when a
    /// profile derived from source defaults states the string rather than the list; null otherwise.
    /// </summary>
    public string? SuitesDerivation { get; init; }

    /// <summary>supported_groups in the client's order, when the profile gives them; empty when unknown.</summary>
    public IReadOnlyList<TlsNamedGroup> Groups { get; init; } = [];

    /// <summary>signature_algorithms in the client's order, when the profile gives them; empty when unknown.</summary>
    public IReadOnlyList<TlsSignatureScheme> SignatureAlgorithms { get; init; } = [];

    /// <summary>
    /// What the profile states about the server name it sends (e.g. RFC 7672's TLSA base domain under
    /// DANE); null when the profile says it is unknown.
    /// </summary>
    public string? SniPolicy { get; init; }

    /// <summary>
    /// The id of the published profile whose facts this derived profile puts into structured form (it
    /// cites <c>client-profiles/ID.json</c>); null otherwise.
    /// </summary>
    public string? DerivedFrom { get; init; }

    /// <summary>
    /// The recorded ClientHello record(s) as sent on the wire, for replay against a server; empty when
    /// the profile was published or derived without a capture.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<byte> RawHello { get; init; } = [];

    /// <summary>
    /// Whether <see cref="CipherSuites"/> is the whole offer (a captured or published hello), or only
    /// the suites known from logs, so that "none shared" means "none known to be shared".
    /// </summary>
    public bool SuitesComplete => CipherSuites.Count > 0 && !SourceType.StartsWith("derived", StringComparison.Ordinal);
}
