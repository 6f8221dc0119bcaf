using MailTls.Core.Logs;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>
/// Senders that failed the TLS handshake and then delivered the same day without TLS. The failed
/// opportunistic handshake did not keep mail out; it made it travel in cleartext.
/// </summary>
public sealed class InboundCleartextFallbackCheck : ICheck
{
    /// <summary>A cleartext delivery counts as a fallback when it follows a failure of the same organisation within this window.</summary>
    public static TimeSpan RetryWindow { get; } = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var digest = evidence.LogDigest;
        var organisations = digest.Fallbacks;
        if (organisations.Count == 0)
        {
            yield break;
        }

        var named = string.Join(", ", organisations.Take(TlsEventGroups.MaxNamed).Select(o => $"{o.Organisation} ({o.Count})"));
        yield return FindingCatalogue.InboundCleartextFallback.Raise(
            $"{named} delivered {digest.FallbackCount} message(s) without TLS after failing the TLS handshake with this server: " +
            "the failed opportunistic handshake did not stop the mail, it made it travel in cleartext (senders that do not fall back bounce instead).",
            [.. organisations.Take(TlsEventGroups.MaxEvidence).SelectMany(o => new EvidenceRef[]
            {
                new LogLineEvidence(o.Failure.CauseLocation ?? o.Failure.Location, o.Failure.CauseText ?? o.Failure.Cause.ToCode()),
                new LogLineEvidence(o.First.Location, o.First.Text),
            })],
            new Remediation(
                "Make the handshake succeed for these senders (see the inbound-handshake-failures finding for the cause).",
                ["mailtls logs --peer " + organisations[0].Organisation + " /var/log/mail.log", "mailtls config /etc/postfix"]),
            [.. organisations.Select(o => o.Organisation)],
            digest.FallbackCount);
    }
}
