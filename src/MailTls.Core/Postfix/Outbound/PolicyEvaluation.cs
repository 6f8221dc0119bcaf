namespace MailTls.Core.Postfix.Outbound;

/// <summary>A destination's decision plus the verdict for each server whose certificate was seen.</summary>
/// <param name="Decision">The policy decision.</param>
/// <param name="Verdicts">One verdict per server with a known certificate.</param>
/// <param name="Hosts">Every server of the next hop (MX hosts), known or not.</param>
/// <param name="CertificateSource">Where the certificate names came from (a file, a live handshake), or null.</param>
public sealed record PolicyEvaluation(
    OutboundDecision Decision,
    IReadOnlyList<HostVerdict> Verdicts,
    IReadOnlyList<string> Hosts,
    string? CertificateSource)
{
    /// <summary>The grade, cipher string and protocols smtp(8) uses for this destination; null without TLS.</summary>
    public OutboundTlsSettings? Tls { get; init; }
}
