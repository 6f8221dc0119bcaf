using System.Globalization;
using MailTls.Diagnosis.Checks.Certificates;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>A served certificate (leaf or intermediate) that expired, is not yet valid, or expires within 30 days.</summary>
public sealed class ServedCertificateExpiryCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes)
        {
            foreach (var chain in probe.Chains)
            {
                // The root is the sender's own copy; only what is validated from the server's bytes counts.
                foreach (var certificate in chain.Certificates.Where(c => !ServedChainCheck.SelfIssued(c) || chain.Certificates.Count == 1))
                {
                    var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
                    var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
                    var daysLeft = (notAfter - evidence.CollectedAt).TotalDays;
                    string cause;
                    Severity severity;
                    if (evidence.CollectedAt < notBefore)
                    {
                        cause = $"{probe.Target} serves \"{certificate.Subject}\" ({chain.KeyType}), not valid before {notBefore:yyyy-MM-dd HH:mm} UTC; verifying senders reject it until then.";
                        severity = Severity.Critical;
                    }
                    else if (daysLeft < 0)
                    {
                        cause = $"{probe.Target} serves \"{certificate.Subject}\" ({chain.KeyType}), which expired on {notAfter:yyyy-MM-dd} ({Math.Ceiling(-daysLeft).ToString(CultureInfo.InvariantCulture)} days ago); verifying senders (DANE-TA, MTA-STS, secure policies) refuse it.";
                        severity = Severity.Critical;
                    }
                    else if (daysLeft <= CertExpiringCheck.WarningDays)
                    {
                        cause = $"{probe.Target} serves \"{certificate.Subject}\" ({chain.KeyType}), which expires on {notAfter:yyyy-MM-dd}, in {Math.Floor(daysLeft).ToString(CultureInfo.InvariantCulture)} days.";
                        severity = Severity.Warning;
                    }
                    else
                    {
                        continue;
                    }

                    yield return FindingCatalogue.CertExpiring.Raise(
                        cause,
                        ServedChainCheck.Describe(probe, chain),
                        new Remediation(
                            "Renew the certificate, install it with its chain, and reload Postfix; if DANE TLSA records name this key, publish the new records first (mailtls dane).",
                            ["certbot renew   # or your CA's renewal", "postfix reload"]),
                        affected: [probe.Target],
                        severity: severity);
                }
            }
        }
    }
}
