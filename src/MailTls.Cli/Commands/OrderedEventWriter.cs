using System.Text.Json;
using MailTls.Cli.Rendering;
using MailTls.Core.Evidence;
using MailTls.Core.Logs;

namespace MailTls.Cli.Commands;

/// <summary>
/// Writes <c>--events</c> in reading order (file by file as read, then line) while events arrive in
/// the order their sessions end. An event is held only until no open session began before it, so
/// memory follows the sessions in flight, not the size of the log. Sessions that never end (a
/// damaged log) could hold events back forever: past <see cref="MaxHeld"/> the oldest are written
/// anyway, so the bound holds and only those stragglers may appear out of order.
/// </summary>
internal sealed class OrderedEventWriter(TextWriter output, IReadOnlyList<string> files, Func<IEnumerable<SourceLocation>> openSessionStarts)
{
    /// <summary>The most events held back at once.</summary>
    public const int MaxHeld = 100_000;

    // Releasing costs a pass over the open sessions, so it is done once this many events wait.
    private const int ReleaseBatch = 4_096;

    private readonly Dictionary<string, int> _fileOrder = files
        .Select((file, index) => (file, index))
        .GroupBy(f => f.file, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().index, StringComparer.Ordinal);

    private readonly List<TlsEvent> _held = [];
    private int _sinceRelease;

    /// <summary>Takes one event; writes every event that can no longer be preceded by one still to come.</summary>
    public void Add(TlsEvent tlsEvent)
    {
        _held.Add(tlsEvent);
        if (++_sinceRelease < ReleaseBatch)
        {
            return;
        }

        _sinceRelease = 0;
        var open = openSessionStarts().Select(Key).DefaultIfEmpty((int.MaxValue, int.MaxValue)).Min();
        Release(e => Key(e.Location).CompareTo(open) < 0);
        if (_held.Count >= MaxHeld)
        {
            Release(_ => true, _held.Count / 2);
        }
    }

    /// <summary>Writes everything still held (end of input).</summary>
    public void Complete() => Release(_ => true);

    private void Release(Func<TlsEvent, bool> ready, int limit = int.MaxValue)
    {
        // Stable sort: events of one line keep the order their sessions ended in.
        var due = _held.Where(ready).OrderBy(e => Key(e.Location)).Take(limit).ToList();
        foreach (var tlsEvent in due)
        {
            output.WriteLine(JsonSerializer.Serialize(TlsEventRecord.From(tlsEvent), TlsEventJsonContext.Default.TlsEventRecord));
        }

        var written = due.ToHashSet(ReferenceEqualityComparer.Instance);
        _held.RemoveAll(written.Contains);
    }

    private (int File, int Line) Key(SourceLocation location) =>
        (_fileOrder.GetValueOrDefault(location.Path, int.MaxValue), location.Line);
}
