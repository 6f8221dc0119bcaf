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
        var failures = evidence.TlsEvents
            .Where(e => e.Direction == TlsDirection.Inbound && e.Outcome == TlsOutcome.Failure && e.Peer.Org is not null)
            .ToLookup(e => e.Peer.Org!, StringComparer.OrdinalIgnoreCase);
        var fallbacks = evidence.CleartextDeliveries
            .Where(d => d.Peer.Org is { } org && failures[org].Any(f => Precedes(f, d)))
            .ToList();
        if (fallbacks.Count == 0)
        {
            yield break;
        }

        var organisations = fallbacks.GroupBy(d => d.Peer.Org!, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var named = string.Join(", ", organisations.Take(TlsEventGroups.MaxNamed).Select(g => $"{g.Key} ({g.Count()})"));
        yield return FindingCatalogue.InboundCleartextFallback.Raise(
            $"{named} delivered {fallbacks.Count} message(s) without TLS after failing the TLS handshake with this server: " +
            "the failed opportunistic handshake did not stop the mail, it made it travel in cleartext (senders that do not fall back bounce instead).",
            [.. organisations.Take(TlsEventGroups.MaxEvidence).SelectMany(g =>
            {
                var delivery = g.First();
                var failure = failures[g.Key].First(f => Precedes(f, delivery));
                return new EvidenceRef[]
                {
                    new LogLineEvidence(failure.CauseLocation ?? failure.Location, failure.CauseText ?? failure.Cause.ToCode()),
                    new LogLineEvidence(delivery.Location, delivery.Text),
                };
            })],
            new Remediation(
                "Make the handshake succeed for these senders (see the inbound-handshake-failures finding for the cause).",
                ["mailtls logs --peer " + organisations[0].Key + " /var/log/mail.log", "mailtls config /etc/postfix"]),
            [.. organisations.Select(g => g.Key)],
            fallbacks.Count);
    }

    private static bool Precedes(TlsEvent failure, CleartextDelivery delivery)
    {
        if (failure.Timestamp is { } failed && delivery.Timestamp is { } delivered)
        {
            var gap = delivered.Wallclock - failed.Wallclock;
            return gap >= TimeSpan.Zero && gap <= RetryWindow;
        }

        // Without timestamps, order in the same file is all there is.
        return failure.Location.Path == delivery.Location.Path && failure.Location.Line < delivery.Location.Line;
    }
}
