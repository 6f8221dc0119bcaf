using System.Runtime.CompilerServices;
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
    private readonly Dictionary<(TlsDirection, TlsCause, string), FailureAccumulator> _failures = [];
    private readonly Dictionary<(TlsDirection, string?, string?, TlsTrust?), int> _successes = [];
    private readonly SortedDictionary<DateTime, (int Successes, int Failures)> _timeline = [];

    /// <summary>Counts one event.</summary>
    /// <param name="tlsEvent">The event.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(TlsEvent tlsEvent)
    {
        ArgumentNullException.ThrowIfNull(tlsEvent);
        var success = tlsEvent.Outcome == TlsOutcome.Success;
        if (success)
        {
            var key = (tlsEvent.Direction, tlsEvent.Protocol, tlsEvent.Cipher, tlsEvent.Trust);
            _successes[key] = _successes.GetValueOrDefault(key) + 1;
        }
        else
        {
            var organisation = tlsEvent.Peer.Org ?? tlsEvent.Peer.Host ?? tlsEvent.Peer.Ip ?? "-";
            var key = (tlsEvent.Direction, tlsEvent.Cause, organisation);
            if (!_failures.TryGetValue(key, out var row))
            {
                row = new FailureAccumulator();
                _failures[key] = row;
            }

            row.Add(tlsEvent.Location, tlsEvent.Timestamp);
        }

        if (tlsEvent.Timestamp is { } timestamp)
        {
            var wallclock = timestamp.Wallclock;
            var hour = new DateTime(wallclock.Year, wallclock.Month, wallclock.Day, wallclock.Hour, 0, 0, DateTimeKind.Unspecified);
            var (successes, failures) = _timeline.GetValueOrDefault(hour);
            _timeline[hour] = success ? (successes + 1, failures) : (successes, failures + 1);
        }
    }

    /// <summary>Failures, most frequent first, then by direction, cause and organisation.</summary>
    public IReadOnlyList<TlsFailureRow> Failures =>
        [.. _failures.Select(p => new TlsFailureRow(p.Key.Item1, p.Key.Item2, p.Key.Item3, p.Value.Count, p.Value.First, p.Value.Last, p.Value.FirstLocation))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Direction)
            .ThenBy(r => r.Cause)
            .ThenBy(r => r.Organisation, StringComparer.Ordinal)];

    /// <summary>Successes, most frequent first.</summary>
    public IReadOnlyList<TlsSuccessRow> Successes =>
        [.. _successes.Select(p => new TlsSuccessRow(p.Key.Item1, p.Key.Item2, p.Key.Item3, p.Key.Item4, p.Value))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Direction)
            .ThenBy(r => r.Protocol, StringComparer.Ordinal)
            .ThenBy(r => r.Cipher, StringComparer.Ordinal)];

    /// <summary>Hours with at least one timestamped event, in order.</summary>
    public IReadOnlyList<TlsTimelineRow> Timeline =>
        [.. _timeline.Select(p => new TlsTimelineRow(p.Key, p.Value.Successes, p.Value.Failures))];

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
