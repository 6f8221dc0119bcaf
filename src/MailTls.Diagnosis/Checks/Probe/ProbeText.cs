using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>Shared wording and citations for the probe checks.</summary>
internal static class ProbeText
{

    /// <summary>Port 25 (or an unusual test port) where other MTAs deliver; 587 and 465 serve the site's own clients.</summary>
    public static bool ReceivesFromMtas(TlsProbeResult probe) => probe.Port is not (587 or 465) && !probe.ImplicitTls;

    public static HandshakeEvidence Fact(TlsProbeResult probe, string fact) => new(probe.Target, fact);

    /// <summary>
    /// One sender's offer and result with what it rests on, e.g. "Microsoft 365 (derived-microsoft365-published)
    /// offers TLSv1.2: alert handshake_failure [synthesised from published facts (confidence low-medium): ...]".
    /// </summary>
    public static HandshakeEvidence Sender(TlsProbeResult probe, SenderOutcome sender)
    {
        var basis = sender.Assumptions.Count == 0 ? sender.BasisText : $"{sender.BasisText}: {string.Join("; ", sender.Assumptions)}";
        var result = sender.Outcome == HelloOutcomeKind.NotSent ? $"not sent ({sender.Detail})" : sender.Detail;
        return Fact(probe, $"{sender.Name} ({sender.ProfileId}) offers {Versions(sender.OfferedVersions)}: {result} [basis: {basis}]");
    }

    public static string Versions(IEnumerable<TlsProtocolVersion> versions)
    {
        var names = versions.Select(TlsProtocolNames.Of).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    /// <summary>The suites accepted with each version, as "TLSv1.2: A, B".</summary>
    public static IEnumerable<HandshakeEvidence> Suites(TlsProbeResult probe, Func<CipherSuiteInfo, bool> which) =>
        probe.Protocols
            .Where(p => p.Suites.Any(s => which(s.Suite)))
            .Select(p => Fact(probe, $"{TlsProtocolNames.Of(p.Version)} accepts {string.Join(", ", p.Suites.Where(s => which(s.Suite)).Select(s => s.Suite.DisplayName))}"));
}
