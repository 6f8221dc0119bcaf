using MailTls.Core.Logs;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>
/// Deliveries from this server whose TLS failed or was refused by our policy, one finding per cause,
/// naming the destinations and the next command to run.
/// </summary>
public sealed class OutboundTlsFailuresCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var failures = evidence.TlsEvents
            .Where(e => e.Direction == TlsDirection.Outbound && e.Outcome == TlsOutcome.Failure && e.Cause != TlsCause.PeerRejectedOurCertificate);
        foreach (var group in failures.GroupBy(e => e.Cause).OrderBy(g => g.Key))
        {
            var events = group.ToList();
            var organisations = TlsEventGroups.ByOrganisation(events);
            var destination = organisations[0].Organisation;
            var (why, steps) = Advice(group.Key, destination);
            yield return FindingCatalogue.OutboundTlsFailures.Raise(
                $"{events.Count} outbound TLS attempt(s) to {TlsEventGroups.Describe(organisations)} failed with {group.Key.ToCode()} " +
                $"({TlsEventGroups.Details(events)}){TlsEventGroups.Span(events)}. {why}",
                TlsEventGroups.Evidence(events, organisations),
                new Remediation("Check what the outbound policy requires for these destinations and what their servers present.", steps),
                [.. organisations.Select(o => o.Organisation)],
                events.Count) with { Topic = group.Key.ToCode() };
        }
    }

    private static (string Why, IReadOnlyList<string> Steps) Advice(TlsCause cause, string destination) => cause switch
    {
        TlsCause.ServerCertNameMismatch => (
            "The chain was trusted but no certificate name matched what the policy requires (at level secure the next-hop domain, not the MX name).",
            [$"mailtls policy {destination}", $"posttls-finger -l secure -P /etc/ssl/certs {destination}"]),
        TlsCause.ServerCertUntrusted or TlsCause.CertExpired => (
            "The server's certificate chain did not verify against the configured CAs.",
            [$"mailtls probe {destination}", "postconf smtp_tls_CAfile smtp_tls_CApath"]),
        TlsCause.DaneTlsaMismatch or TlsCause.DaneLookupFailure => (
            "DANE authentication failed: the TLSA records do not match, or could not be looked up securely.",
            [$"mailtls dane {destination}"]),
        TlsCause.TlsRequiredNotOffered => (
            "Our policy requires TLS and the server did not offer STARTTLS.",
            [$"mailtls policy {destination}", $"mailtls probe {destination}"]),
        _ => (
            "The handshake failed; the log line gives the reason.",
            [$"mailtls probe {destination}", $"mailtls policy {destination}"]),
    };
}
