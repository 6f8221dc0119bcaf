using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MailTls.Core.Evidence;

namespace MailTls.Core.Logs;

/// <summary>
/// Aggregates events as they arrive into the tables <c>mailtls logs</c> shows: failures by cause and
/// organisation (with counts and first/last seen), successes by protocol, cipher and trust, inbound
/// and outbound apart, and an hourly timeline. Memory grows with the number of distinct rows, not
/// with the number of events, so the events themselves need not be kept.
/// </summary>
public sealed class TlsEventTables
{
    private readonly Dictionary<FailureKey, FailureAccumulator> _failures = [];
    private readonly Dictionary<SuccessKey, int> _successes = [];

    // Hours in any order, sorted when the timeline is read; events mostly arrive hour after hour, so
    // the hour of the last event is kept at hand.
    private readonly Dictionary<DateTime, HourCounts> _timeline = [];
    private HourCounts? _lastHour;

    /// <summary>Counts one event.</summary>
    /// <param name="tlsEvent">The event.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(TlsEvent tlsEvent)
    {
        ArgumentNullException.ThrowIfNull(tlsEvent);
        var success = tlsEvent.Outcome == TlsOutcome.Success;
        if (success)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_successes, new SuccessKey(tlsEvent.Direction, tlsEvent.Protocol, tlsEvent.Cipher, tlsEvent.Trust), out _)++;
        }
        else
        {
            var organisation = tlsEvent.Peer.Org ?? tlsEvent.Peer.Host ?? tlsEvent.Peer.Ip ?? "-";
            ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(_failures, new FailureKey(tlsEvent.Direction, tlsEvent.Cause, organisation), out _);
            row ??= new FailureAccumulator();
            row.Add(tlsEvent.Location, tlsEvent.Timestamp);
        }

        if (tlsEvent.Timestamp is { } timestamp)
        {
            var hour = Hour(timestamp.Wallclock);
            if (_lastHour is not { } counts || counts.Hour != hour)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_timeline, hour, out _);
                counts = slot ??= new HourCounts(hour);
                _lastHour = counts;
            }

            if (success)
            {
                counts.Successes++;
            }
            else
            {
                counts.Failures++;
            }
        }
    }

    /// <summary>Failures, most frequent first, then by direction, cause and organisation.</summary>
    public IReadOnlyList<TlsFailureRow> Failures =>
        [.. _failures.Select(p => new TlsFailureRow(p.Key.Direction, p.Key.Cause, p.Key.Organisation, p.Value.Count, p.Value.First, p.Value.Last, p.Value.FirstLocation))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Direction)
            .ThenBy(r => r.Cause)
            .ThenBy(r => r.Organisation, StringComparer.Ordinal)];

    /// <summary>Successes, most frequent first.</summary>
    public IReadOnlyList<TlsSuccessRow> Successes =>
        [.. _successes.Select(p => new TlsSuccessRow(p.Key.Direction, p.Key.Protocol, p.Key.Cipher, p.Key.Trust, p.Value))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Direction)
            .ThenBy(r => r.Protocol, StringComparer.Ordinal)
            .ThenBy(r => r.Cipher, StringComparer.Ordinal)];

    /// <summary>Hours with at least one timestamped event, in order.</summary>
    public IReadOnlyList<TlsTimelineRow> Timeline =>
        [.. _timeline.Values.OrderBy(h => h.Hour).Select(h => new TlsTimelineRow(h.Hour, h.Successes, h.Failures))];

    /// <summary>The start of the hour, without a kind: the wallclock as the log wrote it, truncated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DateTime Hour(DateTime wallclock) =>
        new(wallclock.Ticks - (wallclock.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Unspecified);

    private readonly record struct FailureKey(TlsDirection Direction, TlsCause Cause, string Organisation);

    private readonly record struct SuccessKey(TlsDirection Direction, string? Protocol, string? Cipher, TlsTrust? Trust);

    private sealed class HourCounts(DateTime hour)
    {
        public DateTime Hour { get; } = hour;

        public int Successes { get; set; }

        public int Failures { get; set; }
    }

    private sealed class FailureAccumulator
    {
        /// <summary>The earliest location by file name and line, whatever order sessions ended in.</summary>
        public SourceLocation FirstLocation { get; private set; } = new("", 0);

        public int Count { get; private set; }

        public LogTimestamp? First { get; private set; }

        public LogTimestamp? Last { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(SourceLocation location, LogTimestamp? timestamp)
        {
            if (Count == 0 || Precedes(location, FirstLocation))
            {
                FirstLocation = location;
            }

            Count++;
            if (timestamp is not { } value)
            {
                return;
            }

            if (First is null || value.Wallclock < First.Value.Wallclock)
            {
                First = value;
            }

            if (Last is null || value.Wallclock > Last.Value.Wallclock)
            {
                Last = value;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool Precedes(SourceLocation a, SourceLocation b)
        {
            var byPath = string.CompareOrdinal(a.Path, b.Path);
            return byPath < 0 || (byPath == 0 && a.Line < b.Line);
        }
    }
}
