using System.Globalization;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>
/// A server certificate that expired, is not yet valid, or expires within
/// <see cref="WarningDays"/> days. Verifying senders refuse it once it is out of its validity.
/// </summary>
public sealed class CertExpiringCheck : ICheck
{
    /// <summary>How far ahead expiry is reported.</summary>
    public const int WarningDays = 30;

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var slot in evidence.Certificates.Where(s => s.Report?.Leaf is not null))
        {
            var leaf = slot.Report!.Leaf!;
            var notAfter = new DateTimeOffset(leaf.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            var notBefore = new DateTimeOffset(leaf.Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            var daysLeft = (notAfter - evidence.CollectedAt).TotalDays;
            string cause;
            Severity severity;
            if (evidence.CollectedAt < notBefore)
            {
                cause = $"The certificate at {leaf.Location} is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC; verifying senders reject it until then.";
                severity = Severity.Critical;
            }
            else if (daysLeft < 0)
            {
                cause = $"The certificate at {leaf.Location} expired on {notAfter:yyyy-MM-dd} ({Math.Ceiling(-daysLeft).ToString(CultureInfo.InvariantCulture)} days ago); verifying senders (DANE-TA, MTA-STS, secure policies) refuse it.";
                severity = Severity.Critical;
            }
            else if (daysLeft <= WarningDays)
            {
                cause = $"The certificate at {leaf.Location} expires on {notAfter:yyyy-MM-dd}, in {Math.Floor(daysLeft).ToString(CultureInfo.InvariantCulture)} days.";
                severity = Severity.Warning;
            }
            else
            {
                continue;
            }

            yield return FindingCatalogue.CertExpiring.Raise(
                cause,
                [SlotCitations.Parameter(slot, evidence), SlotCitations.Certificate(leaf)],
                new Remediation(
                    "Renew the certificate, install it with its chain, and reload Postfix; if DANE TLSA records name this key, publish the new records first (mailtls dane).",
                    ["certbot renew   # or your CA's renewal", "postfix reload"]),
                affected: SlotCitations.Affected(slot),
                severity: severity);
        }
    }
}
