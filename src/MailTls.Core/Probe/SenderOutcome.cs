using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>What the server chose when a real sender's ClientHello (recorded, or synthesised from published facts) was sent.</summary>
/// <param name="ProfileId">The client profile id.</param>
/// <param name="Name">The sender's name.</param>
/// <param name="Outcome">How the server answered; <see cref="HelloOutcomeKind.NotSent"/> when no hello could be sent.</param>
/// <param name="Version">The negotiated version, when the server accepted.</param>
/// <param name="Suite">The chosen suite, when the server accepted.</param>
/// <param name="Detail">The alert or reason.</param>
/// <param name="OfferedVersions">The versions the sender offers, oldest first.</param>
public sealed record SenderOutcome(
    string ProfileId,
    string Name,
    HelloOutcomeKind Outcome,
    TlsProtocolVersion? Version,
    CipherSuiteInfo? Suite,
    string Detail,
    IReadOnlyList<TlsProtocolVersion> OfferedVersions)
{
    /// <summary>What the hello rests on.</summary>
    public SenderHelloBasis Basis { get; init; } = SenderHelloBasis.Recorded;

    /// <summary>The profile's confidence grade (e.g. "low-medium") when the hello was synthesised.</summary>
    public string? Confidence { get; init; }

    /// <summary>The defaults a synthesised hello took where the published facts are silent.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>
    /// True when the outcome was computed from the enumerated server facts (<see cref="SenderOutcomePredictor"/>)
    /// instead of sending the hello; false when the hello was sent (or, for an unknown basis, nothing could be).
    /// </summary>
    public bool Predicted { get; init; }

    /// <summary>True when the sender gets a TLS session.</summary>
    public bool Negotiated => Outcome is HelloOutcomeKind.ServerHello or HelloOutcomeKind.HelloRetryRequest && Suite is not null;

    /// <summary>
    /// The basis in words, the same in the table, the JSON and a finding's evidence: what the hello
    /// rests on ("recorded hello", "synthesised from published facts (confidence low-medium)") and
    /// how its outcome was found (", replayed" or ", predicted from the enumerated server facts"),
    /// or "unknown: no published ClientHello facts".
    /// </summary>
    public string BasisText => Basis switch
    {
        SenderHelloBasis.Recorded => "recorded hello" + Found,
        SenderHelloBasis.Synthesised => $"synthesised from published facts (confidence {Confidence ?? "unstated"}){Found}",
        _ => "unknown: no published ClientHello facts",
    };

    private string Found => Predicted ? ", predicted from the enumerated server facts" : Outcome == HelloOutcomeKind.NotSent ? string.Empty : ", replayed";
}
