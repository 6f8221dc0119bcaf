using MailTls.Core.Logs;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.Diagnosis.Checks.Probe;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Correlation;

/// <summary>
/// Joins the three views of an opportunistic protocol floor (scenario 1) into one finding: senders'
/// protocol-version failures in the log, the configuration line that sets the floor, and the probe
/// of the port senders deliver to that shows it live ("Gmail failed because smtpd_tls_protocols
/// refuses TLS 1.0 and 1.1; a probe confirms"). Any two of the three are joined.
/// </summary>
public sealed class ProtocolFloorCorrelation : ICorrelationRule
{
    /// <inheritdoc />
    public IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(evidence);
        var floors = findings.Where(f => f.Id == FindingCatalogue.InboundProtocolFloor.Id).ToList();
        var config = floors.FirstOrDefault(f => f.Evidence.OfType<ConfigLineEvidence>().Any());
        var live = floors.FirstOrDefault(f => f != config && f.Evidence.OfType<HandshakeEvidence>().Any());
        var logs = findings.FirstOrDefault(f => f.Id == FindingCatalogue.InboundHandshakeFailures.Id && f.Topic == TlsCause.ProtocolVersionMismatch.ToCode());
        var sources = new[] { config, live, logs }.OfType<Finding>().ToList();
        if (sources.Count < 2)
        {
            return findings;
        }

        var events = evidence.TlsEvents
            .Where(e => e.Direction == TlsDirection.Inbound && e.Outcome == TlsOutcome.Failure && e.Cause == TlsCause.ProtocolVersionMismatch)
            .ToList();
        var probes = Joining.MxProbes(evidence);
        var primary = config ?? live!;
        var why = config is null
            ? live!.Cause
            : (Joining.FirstConfigLine(config) is { } line ? $"the setting ({line}): " : string.Empty) + config.Cause;
        var cause = logs is null
            ? why
            : $"{Joining.LogLead(events, "failed the TLS handshake with a protocol-version refusal")}, because of {why}";
        var joined = primary with
        {
            Cause = cause + (config is null ? string.Empty : ProbeSentence(probes)),
            Severity = sources.Max(f => f.Severity),
            Evidence =
            [
                .. config?.Evidence.OfType<ConfigLineEvidence>() ?? [],
                .. logs?.Evidence ?? [],
                .. probes.Select(Joining.Describe),
                .. (config?.Evidence.Where(e => e is not ConfigLineEvidence) ?? []),
                .. (live?.Evidence.Skip(probes.Count > 0 ? 1 : 0) ?? []),
            ],
            Affected = [.. Joining.Organisations(events).Concat(sources.SelectMany(f => f.Affected)).Distinct(StringComparer.OrdinalIgnoreCase)],
            Occurrences = logs is null ? primary.Occurrences : events.Count,
        };
        return Joining.Replace(findings, sources, joined);
    }

    private static string ProbeSentence(IReadOnlyList<TlsProbeResult> probes)
    {
        foreach (var probe in probes)
        {
            var accepted = probe.Protocols.Where(p => p.Accepted == true).Select(p => TlsProtocolNames.Of(p.Version)).ToList();
            var refused = probe.Protocols.Where(p => p.Accepted == false).Select(p => TlsProtocolNames.Of(p.Version)).ToList();
            if (accepted.Count + refused.Count > 0)
            {
                return $" A probe of {probe.Target} confirms it: offered alone, {(accepted.Count == 0 ? "nothing" : string.Join(", ", accepted))} was accepted and {(refused.Count == 0 ? "nothing" : string.Join(", ", refused))} refused.";
            }
        }

        return string.Empty;
    }
}
