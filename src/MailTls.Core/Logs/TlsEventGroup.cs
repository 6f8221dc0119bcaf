using System.Runtime.CompilerServices;
using MailTls.Core.Evidence;

namespace MailTls.Core.Logs;

/// <summary>
/// Failures that one finding is about (one cause in one direction, or one start-up error), reduced
/// as they stream by to what the finding says: how many, which organisations (each with its first
/// event), which details, and the earliest and latest time. "First" means first by file name and
/// line, whatever order the sessions ended in, so the result does not depend on that order.
/// </summary>
public sealed class TlsEventGroup
{
    /// <summary>Organisations tracked per group; a log with more distinct peers for one cause counts the rest without naming them.</summary>
    public const int MaxOrganisations = 10_000;

    /// <summary>Distinct details tracked per group.</summary>
    public const int MaxDetails = 1_000;

    private readonly Dictionary<string, Counted> _organisations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Counted> _details = new(StringComparer.Ordinal);
    private TlsEvent? _first;
    private (LogTimestamp Time, SourceLocation Location)? _earliest;
    private (LogTimestamp Time, SourceLocation Location)? _latest;

    /// <summary>Events in the group.</summary>
    public int Count { get; private set; }

    /// <summary>Events whose organisation was not tracked because <see cref="MaxOrganisations"/> was reached.</summary>
    public int UntrackedOrganisationEvents { get; private set; }

    /// <summary>The first event by file name and line.</summary>
    public TlsEvent First => _first ?? throw new InvalidOperationException("empty group");

    /// <summary>The earliest timestamp (the first such event on ties), or null when no event has one.</summary>
    public LogTimestamp? Earliest => _earliest?.Time;

    /// <summary>The latest timestamp (the first such event on ties), or null when no event has one.</summary>
    public LogTimestamp? Latest => _latest?.Time;

    /// <summary>Organisations with their counts and first events, busiest first, ties by name.</summary>
    public IReadOnlyList<(string Organisation, int Count, TlsEvent First)> Organisations =>
        [.. _organisations.Values
            .Select(o => (OrganisationOf(o.First), o.Count, o.First))
            .OrderByDescending(o => o.Count)
            .ThenBy(o => o.Item1, StringComparer.Ordinal)];

    /// <summary>Distinct details, most frequent first, ties in the order they first occur.</summary>
    public IReadOnlyList<(string Detail, int Count)> Details =>
        [.. _details
            .OrderByDescending(d => d.Value.Count)
            .ThenBy(d => d.Value.First.Location, LocationOrder.Instance)
            .Select(d => (d.Key, d.Value.Count))];

    /// <summary>The organisation an event is counted under: registrable domain, else host, else address.</summary>
    /// <param name="tlsEvent">The event.</param>
    /// <returns>The name.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string OrganisationOf(TlsEvent tlsEvent)
    {
        ArgumentNullException.ThrowIfNull(tlsEvent);
        return tlsEvent.Peer.Org ?? tlsEvent.Peer.Host ?? tlsEvent.Peer.Ip ?? "unknown peer";
    }

    /// <summary>Counts one event.</summary>
    /// <param name="tlsEvent">The event.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(TlsEvent tlsEvent)
    {
        ArgumentNullException.ThrowIfNull(tlsEvent);
        Count++;
        if (_first is null || LocationOrder.Precedes(tlsEvent.Location, _first.Location))
        {
            _first = tlsEvent;
        }

        if (!Tally(_organisations, OrganisationOf(tlsEvent), tlsEvent, MaxOrganisations))
        {
            UntrackedOrganisationEvents++;
        }

        if (tlsEvent.Detail is { } detail)
        {
            Tally(_details, detail, tlsEvent, MaxDetails);
        }

        if (tlsEvent.Timestamp is { } time)
        {
            var location = tlsEvent.Location;
            if (_earliest is not { } earliest || time.Wallclock < earliest.Time.Wallclock
                || (time.Wallclock == earliest.Time.Wallclock && LocationOrder.Precedes(location, earliest.Location)))
            {
                _earliest = (time, location);
            }

            if (_latest is not { } latest || time.Wallclock > latest.Time.Wallclock
                || (time.Wallclock == latest.Time.Wallclock && LocationOrder.Precedes(location, latest.Location)))
            {
                _latest = (time, location);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Tally(Dictionary<string, Counted> counts, string key, TlsEvent tlsEvent, int max)
    {
        if (counts.TryGetValue(key, out var counted))
        {
            counted.Count++;
            if (LocationOrder.Precedes(tlsEvent.Location, counted.First.Location))
            {
                counted.First = tlsEvent;
            }

            return true;
        }

        if (counts.Count >= max)
        {
            return false;
        }

        counts[key] = new Counted { Count = 1, First = tlsEvent };
        return true;
    }

    private sealed class Counted
    {
        public int Count { get; set; }

        public required TlsEvent First { get; set; }
    }
}

/// <summary>The order events are reported in: by file name (ordinal), then line.</summary>
public sealed class LocationOrder : IComparer<SourceLocation>
{
    /// <summary>The comparer.</summary>
    public static LocationOrder Instance { get; } = new();

    /// <summary>True when <paramref name="a"/> comes before <paramref name="b"/>.</summary>
    /// <param name="a">One location.</param>
    /// <param name="b">The other.</param>
    /// <returns>Whether a precedes b.</returns>
    public static bool Precedes(SourceLocation a, SourceLocation b) => Instance.Compare(a, b) < 0;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Compare(SourceLocation? x, SourceLocation? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byPath = string.CompareOrdinal(x.Path, y.Path);
        return byPath != 0 ? byPath : x.Line.CompareTo(y.Line);
    }
}
