using MailTls.Core.Logs;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Correlation;

/// <summary>
/// Joins senders' protocol-version failures in the log with the opportunistic protocol floor in
/// the configuration that explains them, and with what a probe of port 25 saw (scenario 1:
/// "Gmail failed because smtpd_tls_protocols refuses TLS 1.0 and 1.1").
/// </summary>
public sealed class ProtocolFloorCorrelation : ICorrelationRule
{
    /// <inheritdoc />
    public IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(evidence);
        var config = findings.FirstOrDefault(f => f.Id == FindingCatalogue.InboundProtocolFloor.Id);
        var logs = findings.FirstOrDefault(f => f.Id == FindingCatalogue.InboundHandshakeFailures.Id && f.Topic == TlsCause.ProtocolVersionMismatch.ToCode());
        if (config is null || logs is null)
        {
            return findings;
        }

        var events = evidence.TlsEvents
            .Where(e => e.Direction == TlsDirection.Inbound && e.Outcome == TlsOutcome.Failure && e.Cause == TlsCause.ProtocolVersionMismatch)
            .ToList();
        var probes = Joining.MxProbes(evidence);
        var where = Joining.FirstConfigLine(config) is { } line ? $" ({line})" : string.Empty;
        var cause = $"{Joining.LogLead(events, "failed the TLS handshake with a protocol-version refusal")}, because of the setting{where}: {config.Cause}{ProbeSentence(probes)}";
        var joined = config with
        {
            Cause = cause,
            Severity = Joining.Max(config.Severity, logs.Severity),
            Evidence = Joining.Evidence(config, logs, probes.Select(Joining.Describe)),
            Affected = Joining.Affected(Joining.Organisations(events), config),
            Occurrences = events.Count,
        };
        return Joining.Replace(findings, [config, logs], joined);
    }

    private static string ProbeSentence(IReadOnlyList<Core.Evidence.ServiceProbeEvidence> probes)
    {
        foreach (var probe in probes)
        {
            if (probe.RefusedVersions.Count > 0 || probe.AcceptedVersions.Count > 0)
            {
                var accepted = probe.AcceptedVersions.Count == 0 ? "nothing" : string.Join(", ", probe.AcceptedVersions);
                return $" A probe of {probe.Target} confirms it: offered alone, {accepted} was accepted and {string.Join(", ", probe.RefusedVersions)} refused.";
            }

            if (probe.Protocol is { } protocol)
            {
                return $" A probe of {probe.Target} negotiated {protocol}: the service works for senders that offer it.";
            }
        }

        return string.Empty;
    }
}
