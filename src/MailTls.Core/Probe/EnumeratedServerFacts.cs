using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>
/// What a probe's enumeration established about one server, as <see cref="SenderOutcomePredictor"/>
/// needs it: the verdict and suites of each version, whose order decides, the groups and the
/// certificate key types. Only facts from a probe without failures and without SNI belong here.
/// </summary>
public sealed record EnumeratedServerFacts
{
    /// <summary>The versions the enumeration tested; a sender offering another one cannot be predicted.</summary>
    public required IReadOnlyList<TlsProtocolVersion> TestedVersions { get; init; }

    /// <summary>The verdict, accepted suites and order per version.</summary>
    public required IReadOnlyList<ProtocolSupport> Protocols { get; init; }

    /// <summary>The groups the server accepted in the group test.</summary>
    public IReadOnlyList<TlsNamedGroup> Groups { get; init; } = [];

    /// <summary>The groups the group test offered: a group outside this list has an unknown verdict.</summary>
    public IReadOnlyList<TlsNamedGroup> GroupCandidates { get; init; } = [];

    /// <summary>The version the group test used; null when it did not run.</summary>
    public TlsProtocolVersion? GroupsTestedWith { get; init; }

    /// <summary>True when the server served an RSA certificate.</summary>
    public bool RsaCertificate { get; init; }

    /// <summary>The curve of the ECDSA certificate the server served; null when none was seen or its curve is not a TLS named curve.</summary>
    public TlsNamedGroup? EcdsaCurve { get; init; }
}
