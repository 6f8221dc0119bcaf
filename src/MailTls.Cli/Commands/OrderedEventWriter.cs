using System.Buffers;
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
    // time in the kernel than reading the log took. Lines go out in chunks of about this many bytes,
    // serialized straight into the chunk as UTF-8 (not a string per event, then the chunk).
    private const int ChunkBytes = 1 << 16;

    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    private readonly ArrayBufferWriter<byte> _chunk = new(ChunkBytes * 2);
    private Utf8JsonWriter? _json;

    // The chunk decoded for the text writer; kept, as a new 128 KiB string per chunk went to the large object heap.
    private char[] _chars = new char[ChunkBytes * 2];

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

        WriteChunk();
        output.Flush();
    }

    private void WriteFirst()
    {
        var typeInfo = TlsEventJsonContext.Default.TlsEventRecord;
        _json ??= new Utf8JsonWriter(_chunk, new JsonWriterOptions { Encoder = typeInfo.Options.Encoder });
        JsonSerializer.Serialize(_json, TlsEventRecord.From(_held.Dequeue()), typeInfo);
        _json.Flush();
        _json.Reset();
        _chunk.Write(NewLine);
        if (_chunk.WrittenCount >= ChunkBytes)
        {
            WriteChunk();
        }
    }

    private void WriteChunk()
    {
        if (_chars.Length < _chunk.WrittenCount)
        {
            _chars = new char[_chunk.WrittenCount];
        }

        output.Write(_chars, 0, Encoding.UTF8.GetChars(_chunk.WrittenSpan, _chars));
        _chunk.ResetWrittenCount();
    }

    private (int File, int Line) Key(SourceLocation location) =>
        (_fileOrder.GetValueOrDefault(location.Path, int.MaxValue), location.Line);
}
