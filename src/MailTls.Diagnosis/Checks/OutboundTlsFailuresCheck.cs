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
        foreach (var (cause, group) in evidence.LogDigest.OutboundFailures)
        {
            var destination = group.Organisations[0].Organisation;
            var (why, steps) = Advice(cause, destination);
            yield return FindingCatalogue.OutboundTlsFailures.Raise(
                $"{group.Count} outbound TLS attempt(s) to {TlsEventGroups.Describe(group)} failed with {cause.ToCode()} " +
                $"({TlsEventGroups.Details(group)}){TlsEventGroups.Span(group)}. {why}",
                TlsEventGroups.Evidence(group),
                new Remediation("Check what the outbound policy requires for these destinations and what their servers present.", steps),
                TlsEventGroups.Subjects(group),
                group.Count) with { Topic = cause.ToCode() };
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
