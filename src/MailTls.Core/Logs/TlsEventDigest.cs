using System.Runtime.CompilerServices;

namespace MailTls.Core.Logs;

/// <summary>
/// NAME
///   TlsEventDigest - what the log findings need, gathered while events stream by
/// SUMMARY
///   Failures by direction and cause, rejections of our own certificate, start-up errors by detail,
///   and messages delivered in cleartext after a failed handshake of the same organisation. Memory
///   grows with the number of causes, organisations and details (each capped), never with the
///   number of events, so <c>mailtls logs</c> stays bounded on logs of any size.
/// DIAGNOSTICS
///   A cleartext delivery counts as a fallback when one of the organisation's failures seen before it
///   (its first, or one of its <see cref="RecentFailures"/> latest) precedes it within the retry window:
///   a sender that failed and then came back in cleartext.
/// </summary>
public sealed class TlsEventDigest
{
    /// <summary>Failures remembered per organisation, besides its first, for matching later cleartext deliveries.</summary>
    public const int RecentFailures = 16;

    /// <summary>Organisations tracked for cleartext fallbacks.</summary>
    public const int MaxOrganisations = 100_000;

    /// <summary>Distinct start-up errors tracked.</summary>
    public const int MaxStartupGroups = 1_000;

    private readonly Dictionary<TlsCause, TlsEventGroup> _inbound = [];
    private readonly Dictionary<TlsCause, TlsEventGroup> _outbound = [];
    private readonly Dictionary<string, TlsEventGroup> _startup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FailureHistory> _failuresByOrganisation = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Fallback> _fallbacks = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a digest with the retry window for cleartext fallbacks.</summary>
    /// <param name="retryWindow">How long after a failure a cleartext delivery counts as its fallback.</param>
    public TlsEventDigest(TimeSpan retryWindow) => RetryWindow = retryWindow;

    /// <summary>How long after a failure a cleartext delivery counts as its fallback.</summary>
    public TimeSpan RetryWindow { get; }

    /// <summary>Inbound failures by cause (rejections of our certificate apart), in cause order.</summary>
    public IReadOnlyList<(TlsCause Cause, TlsEventGroup Group)> InboundFailures => ByCause(_inbound);

    /// <summary>Outbound failures by cause (rejections of our certificate apart), in cause order.</summary>
    public IReadOnlyList<(TlsCause Cause, TlsEventGroup Group)> OutboundFailures => ByCause(_outbound);

    /// <summary>Handshakes aborted by the peer with an alert about our certificate, any direction.</summary>
    public TlsEventGroup? PeerRejectedOurCertificate { get; private set; }

    /// <summary>Start-up errors by detail, in the order they first occur.</summary>
    public IReadOnlyList<(string Detail, TlsEventGroup Group)> StartupErrors =>
        [.. _startup.OrderBy(p => p.Value.First.Location, LocationOrder.Instance).Select(p => (p.Key, p.Value))];

    /// <summary>Cleartext deliveries that followed a failure of the same organisation, per organisation, busiest first.</summary>
    public IReadOnlyList<(string Organisation, int Count, CleartextDelivery First, TlsEvent Failure)> Fallbacks =>
        [.. _fallbacks
            .Select(p => (p.Key, p.Value.Count, p.Value.First, p.Value.Failure))
            .OrderByDescending(f => f.Count)
            .ThenBy(f => f.Key, StringComparer.Ordinal)];

    /// <summary>All cleartext fallbacks counted.</summary>
    public int FallbackCount { get; private set; }

    /// <summary>
    /// Builds a digest from events and deliveries already collected, taking them in file and line
    /// order as if they streamed by (a delivery then sees the failures logged before it).
    /// </summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="deliveries">The cleartext deliveries.</param>
    /// <param name="retryWindow">The retry window.</param>
    /// <returns>The digest.</returns>
    public static TlsEventDigest From(IEnumerable<TlsEvent> events, IEnumerable<CleartextDelivery> deliveries, TimeSpan retryWindow)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(deliveries);
        var digest = new TlsEventDigest(retryWindow);
        var merged = events.Select(e => (e.Location, Event: (TlsEvent?)e, Delivery: (CleartextDelivery?)null))
            .Concat(deliveries.Select(d => (d.Location, Event: (TlsEvent?)null, Delivery: (CleartextDelivery?)d)))
            .OrderBy(item => item.Location, LocationOrder.Instance);
        foreach (var (_, tlsEvent, delivery) in merged)
        {
            if (tlsEvent is not null)
            {
                digest.Add(tlsEvent);
            }
            else
            {
                digest.Add(delivery!);
            }
        }

        return digest;
    }

    /// <summary>Counts one event; successes are ignored.</summary>
    /// <param name="tlsEvent">The event.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(TlsEvent tlsEvent)
    {
        ArgumentNullException.ThrowIfNull(tlsEvent);
        if (tlsEvent.Outcome != TlsOutcome.Failure)
        {
            return;
        }

        if (tlsEvent.Direction == TlsDirection.Startup)
        {
            var detail = tlsEvent.Detail ?? "";
            if (!_startup.TryGetValue(detail, out var startup) && _startup.Count < MaxStartupGroups)
            {
                startup = new TlsEventGroup();
                _startup[detail] = startup;
            }

            startup?.Add(tlsEvent);
        }

        if (tlsEvent.Cause == TlsCause.PeerRejectedOurCertificate)
        {
            PeerRejectedOurCertificate ??= new TlsEventGroup();
            PeerRejectedOurCertificate.Add(tlsEvent);
        }
        else if (tlsEvent.Direction is TlsDirection.Inbound or TlsDirection.Outbound)
        {
            var groups = tlsEvent.Direction == TlsDirection.Inbound ? _inbound : _outbound;
            if (!groups.TryGetValue(tlsEvent.Cause, out var group))
            {
                group = new TlsEventGroup();
                groups[tlsEvent.Cause] = group;
            }

            group.Add(tlsEvent);
        }

        if (tlsEvent is { Direction: TlsDirection.Inbound, Peer.Org: { } org })
        {
            if (!_failuresByOrganisation.TryGetValue(org, out var history) && _failuresByOrganisation.Count < MaxOrganisations)
            {
                history = new FailureHistory(tlsEvent);
                _failuresByOrganisation[org] = history;
            }

            history?.Add(tlsEvent);
        }
    }

    /// <summary>Counts a cleartext delivery when a failure of its organisation preceded it within the window.</summary>
    /// <param name="delivery">The delivery.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(CleartextDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Peer.Org is not { } org || !_failuresByOrganisation.TryGetValue(org, out var history)
            || history.FirstPreceding(delivery, Precedes) is not { } failure)
        {
            return;
        }

        FallbackCount++;
        if (_fallbacks.TryGetValue(org, out var fallback))
        {
            fallback.Count++;
        }
        else if (_fallbacks.Count < MaxOrganisations)
        {
            _fallbacks[org] = new Fallback { Count = 1, First = delivery, Failure = failure };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Precedes(TlsEvent failure, CleartextDelivery delivery)
    {
        if (failure.Timestamp is { } failed && delivery.Timestamp is { } delivered)
        {
            var gap = delivered.Wallclock - failed.Wallclock;
            return gap >= TimeSpan.Zero && gap <= RetryWindow;
        }

        // Without timestamps, order in the same file is all there is.
        return failure.Location.Path == delivery.Location.Path && failure.Location.Line < delivery.Location.Line;
    }

    private static List<(TlsCause, TlsEventGroup)> ByCause(Dictionary<TlsCause, TlsEventGroup> groups) =>
        [.. groups.OrderBy(p => p.Key).Select(p => (p.Key, p.Value))];

    /// <summary>The first failure of an organisation (by file and line) and its latest ones as they arrived.</summary>
    private sealed class FailureHistory(TlsEvent first)
    {
        private readonly Queue<TlsEvent> _recent = new();

        private TlsEvent First { get; set; } = first;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(TlsEvent failure)
        {
            if (LocationOrder.Precedes(failure.Location, First.Location))
            {
                First = failure;
            }

            if (_recent.Count == RecentFailures)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(failure);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public TlsEvent? FirstPreceding(CleartextDelivery delivery, Func<TlsEvent, CleartextDelivery, bool> precedes) =>
            precedes(First, delivery) ? First : _recent.FirstOrDefault(f => precedes(f, delivery));
    }

    private sealed class Fallback
    {
        public int Count { get; set; }

        public required CleartextDelivery First { get; init; }

        public required TlsEvent Failure { get; init; }
    }
}
