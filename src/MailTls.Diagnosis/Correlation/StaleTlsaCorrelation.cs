using MailTls.Core.Logs;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Correlation;

/// <summary>
/// Joins peers that abort with an alert about this server's certificate with a published TLSA
/// record that does not match the certificate served (scenario 4): the alert is the DANE sender's
/// only way to say so.
/// </summary>
public sealed class StaleTlsaCorrelation : ICorrelationRule
{
    /// <inheritdoc />
    public IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(evidence);
        var dns = findings.FirstOrDefault(f => f.Id == FindingCatalogue.DaneTlsaMismatch.Id);
        var logs = findings.FirstOrDefault(f => f.Id == FindingCatalogue.PeerRejectsOurCertificate.Id);
        if (dns is null || logs is null)
        {
            return findings;
        }

        var events = evidence.TlsEvents.Where(e => e.Cause == TlsCause.PeerRejectedOurCertificate).ToList();
        var joined = dns with
        {
            Cause = $"{Joining.LogLead(events, "aborted the TLS handshake with an alert about this server's certificate")}, because the published TLSA records are stale: {dns.Cause}",
            Severity = Joining.Max(dns.Severity, logs.Severity),
            Evidence = [.. dns.Evidence, .. logs.Evidence],
            Affected = [.. Joining.Organisations(events).Concat(dns.Affected).Distinct(StringComparer.OrdinalIgnoreCase)],
            Occurrences = events.Count,
        };
        return Joining.Replace(findings, [dns, logs], joined);
    }
}
