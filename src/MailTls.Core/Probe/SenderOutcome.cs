using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>What the server chose when a real sender's recorded ClientHello was replayed.</summary>
/// <param name="ProfileId">The client profile id.</param>
/// <param name="Name">The sender's name.</param>
/// <param name="Outcome">How the server answered; <see cref="HelloOutcomeKind.NotSent"/> when the profile records no hello.</param>
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
    /// <summary>True when the sender gets a TLS session.</summary>
    public bool Negotiated => Outcome is HelloOutcomeKind.ServerHello or HelloOutcomeKind.HelloRetryRequest && Suite is not null;
}
