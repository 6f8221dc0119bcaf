using System.Globalization;
using MailTls.Core.Probe;
using MailTls.Core.Logs;
using MailTls.Core.Tls;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Checks.Probe;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Correlation;

/// <summary>The pieces every correlation rule builds its joined finding from.</summary>
internal static class Joining
{
    /// <summary>The findings without <paramref name="replaced"/>, plus <paramref name="joined"/> where the first of them stood.</summary>
    public static IReadOnlyList<Finding> Replace(IReadOnlyList<Finding> findings, IReadOnlyCollection<Finding> replaced, Finding joined)
    {
        var result = new List<Finding>(findings.Count);
        var placed = false;
        foreach (var finding in findings)
        {
            if (!replaced.Contains(finding))
            {
                result.Add(finding);
            }
            else if (!placed)
            {
                result.Add(joined);
                placed = true;
            }
        }

        return result;
    }

    /// <summary>"google.com (3), facebook.com (1) failed the TLS handshake 4 time(s), from ... to ...".</summary>
    public static string LogLead(IReadOnlyCollection<TlsEvent> events, string what)
    {
        var organisations = TlsEventGroups.ByOrganisation(events);
        return string.Create(CultureInfo.InvariantCulture, $"{TlsEventGroups.Describe(organisations)} {what} {events.Count} time(s){TlsEventGroups.Span(events)}");
    }

    /// <summary>The organisations behind the events, most affected first.</summary>
    public static IEnumerable<string> Organisations(IReadOnlyCollection<TlsEvent> events) =>
        TlsEventGroups.ByOrganisation(events).Select(o => o.Organisation);

    /// <summary>Where a configuration finding's first cited line is, as "main.cf:16".</summary>
    public static string? FirstConfigLine(Finding finding) =>
        finding.Evidence.OfType<ConfigLineEvidence>().FirstOrDefault() is { } line
            ? $"{Path.GetFileName(line.Location.Path)}:{line.Location.Line.ToString(CultureInfo.InvariantCulture)}"
            : null;

    /// <summary>The probes of the services other mail servers deliver to (port 25 unless configured otherwise).</summary>
    public static IReadOnlyList<TlsProbeResult> MxProbes(EvidenceSet evidence)
    {
        var port = evidence.Postfix?.MxPort ?? 25;
        return [.. evidence.Probes.Where(p => p.Port == port && p.TlsTested)];
    }

    /// <summary>A probe as evidence: what it accepted and refused, and what a default client negotiated.</summary>
    public static HandshakeEvidence Describe(TlsProbeResult probe)
    {
        var parts = new List<string>();
        var accepted = probe.Protocols.Where(p => p.Accepted == true).Select(p => TlsProtocolNames.Of(p.Version)).ToList();
        var refused = probe.Protocols.Where(p => p.Accepted == false).Select(p => TlsProtocolNames.Of(p.Version)).ToList();
        if (accepted.Count > 0)
        {
            parts.Add($"accepts {string.Join(", ", accepted)} offered alone");
        }

        if (refused.Count > 0)
        {
            parts.Add($"refuses {string.Join(", ", refused)} offered alone");
        }

        if (probe.FullHandshake is { } negotiated)
        {
            parts.Add($"a default client negotiated {negotiated}");
        }

        return new HandshakeEvidence(probe.Target, parts.Count == 0 ? "no handshake facts" : string.Join("; ", parts));
    }

    /// <summary>The evidence of both findings, configuration lines first, then logs, probes and the rest.</summary>
    public static IReadOnlyList<EvidenceRef> Evidence(Finding config, Finding logs, IEnumerable<EvidenceRef> probes) =>
        [
            .. config.Evidence.OfType<ConfigLineEvidence>(),
            .. logs.Evidence,
            .. probes,
            .. config.Evidence.Where(e => e is not ConfigLineEvidence),
        ];

    /// <summary>Affected peers: those the logs name first, then those the configuration check predicted.</summary>
    public static IReadOnlyList<string> Affected(IEnumerable<string> fromLogs, Finding config) =>
        [.. fromLogs.Concat(config.Affected).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The graver of two severities.</summary>
    public static Severity Max(Severity a, Severity b) => a > b ? a : b;
}
