using System.Text;
using System.Text.Json;
using MailTls.Cli.Rendering;
using MailTls.Core.Evidence;
using MailTls.Core.Logs;

namespace MailTls.Cli.Commands;

/// <summary>
/// Writes <c>--events</c> in reading order (file by file as read, then line) while events arrive in
/// the order their sessions end. An event is held only until no open session began before it, so
/// memory follows the sessions in flight, not the size of the log. Sessions that never end (a
/// damaged log, a process that logged a start-up error and no session) could hold events back
/// forever: past <see cref="MaxHeld"/> the oldest are written anyway, so the bound holds and only
/// those stragglers may appear out of order.
/// </summary>
/// <param name="output">Receives one JSON object per line.</param>
/// <param name="files">The files in reading order.</param>
/// <param name="openSessionStarts">Where the sessions still open began.</param>
/// <param name="maxHeld">The most events held back at once.</param>
internal sealed class OrderedEventWriter(TextWriter output, IReadOnlyList<string> files, Func<IEnumerable<SourceLocation>> openSessionStarts, int maxHeld = OrderedEventWriter.MaxHeld)
{
    /// <summary>The most events held back at once, by default.</summary>
    public const int MaxHeld = 20_000;

    // Releasing costs a pass over the open sessions, so it is done once this many events wait.
    private const int ReleaseBatch = 4_096;

    // Standard output flushes on every write: a write per event was a system call per line, more
    // time in the kernel than reading the log took. Lines go out in chunks of about this many characters.
    private const int ChunkChars = 1 << 16;

    private readonly StringBuilder _chunk = new();

    private readonly Dictionary<string, int> _fileOrder = files
        .Select((file, index) => (file, index))
        .GroupBy(f => f.file, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().index, StringComparer.Ordinal);

    // Held events, earliest reading position first; the arrival number keeps the events of one line
    // in the order their sessions ended. Writing the first k of n costs k log n: a session that never
    // ends kept the writer at its bound, and sorting all held events for every batch made --events
    // five times slower than the report.
    private readonly PriorityQueue<TlsEvent, (int File, int Line, long Arrival)> _held = new();
    private long _arrivals;
    private int _sinceRelease;

    /// <summary>Takes one event; writes every event that can no longer be preceded by one still to come.</summary>
    public void Add(TlsEvent tlsEvent)
    {
        var (file, line) = Key(tlsEvent.Location);
        _held.Enqueue(tlsEvent, (file, line, _arrivals++));
        if (_held.Count > maxHeld)
        {
            WriteFirst();
        }

        if (++_sinceRelease < ReleaseBatch)
        {
            return;
        }

        _sinceRelease = 0;
        var open = openSessionStarts().Select(Key).DefaultIfEmpty((int.MaxValue, int.MaxValue)).Min();
        while (_held.TryPeek(out _, out var first) && (first.File, first.Line).CompareTo(open) < 0)
        {
            WriteFirst();
        }
    }

    /// <summary>Writes everything still held (end of input).</summary>
    public void Complete()
    {
        while (_held.Count > 0)
        {
            WriteFirst();
        }

        output.Write(_chunk);
        _chunk.Clear();
        output.Flush();
    }

    private void WriteFirst()
    {
        _chunk.AppendLine(JsonSerializer.Serialize(TlsEventRecord.From(_held.Dequeue()), TlsEventJsonContext.Default.TlsEventRecord));
        if (_chunk.Length >= ChunkChars)
        {
            output.Write(_chunk);
            _chunk.Clear();
        }
    }

    private (int File, int Line) Key(SourceLocation location) =>
        (_fileOrder.GetValueOrDefault(location.Path, int.MaxValue), location.Line);
}
