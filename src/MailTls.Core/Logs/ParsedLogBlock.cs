using System.Buffers;
using MailTls.Core.Logs.Postfix;

namespace MailTls.Core.Logs;

/// <summary>
/// A run of consecutive log lines already split, decoded, parsed and classified by
/// <see cref="LogBlockParser"/>, keeping only the lines that can matter; hand it to
/// <see cref="TlsEventExtractor.Add(string, int, ParsedLogBlock)"/> in file order.
/// </summary>
public sealed class ParsedLogBlock
{
    // Rented from the shared pool (or empty); null once released.
    private Entry[]? _entries;
    private readonly int _count;

    internal ParsedLogBlock(Entry[] entries, int count, int lines, int parsed, int mailLines, int tooLong, int unrecognised)
    {
        _entries = entries;
        _count = count;
        Lines = lines;
        Parsed = parsed;
        MailLines = mailLines;
        TooLong = tooLong;
        Unrecognised = unrecognised;
    }

    /// <summary>Lines in the block, kept or not.</summary>
    public int Lines { get; }

    internal int Parsed { get; }

    internal int MailLines { get; }

    internal int TooLong { get; }

    internal int Unrecognised { get; }

    internal ReadOnlySpan<Entry> Entries => _entries is { } entries
        ? entries.AsSpan(0, _count)
        : throw new InvalidOperationException("The block was already added.");

    /// <summary>A block of one line that was too long to keep (the reader skipped its bytes).</summary>
    /// <returns>The block.</returns>
    public static ParsedLogBlock OneTooLongLine() => new([], 0, 1, 0, 0, 1, 0);

    /// <summary>Hands the entry array back to the pool once the entries have been read.</summary>
    internal void Release()
    {
        if (_entries is { Length: > 0 } entries)
        {
            // The used part cleared (the rest is still clear): the entries hold records and strings
            // the pool must not keep alive, and clearing the whole rented array cost more than filling it.
            entries.AsSpan(0, _count).Clear();
            ArrayPool<Entry>.Shared.Return(entries);
        }

        _entries = null;
    }

    /// <summary>One kept line: a classified Postfix line, or the text of another MTA's line (rare, parsed again when added).</summary>
    /// <remarks>Read by reference: a record is large, and copying it in and out of a nullable cost more than its fields.</remarks>
    internal readonly struct Entry
    {
        public Entry(int index, in PostfixLineRecord postfix)
        {
            Index = index;
            IsPostfix = true;
            Postfix = postfix;
        }

        public Entry(int index, string text)
        {
            Index = index;
            Text = text;
        }

        /// <summary>0-based index of the line within the block.</summary>
        public int Index { get; }

        /// <summary>True for a classified Postfix line (<see cref="Postfix"/>), false for another MTA's line (<see cref="Text"/>).</summary>
        public bool IsPostfix { get; }

        public PostfixLineRecord Postfix { get; }

        /// <summary>The line of Sendmail, Exim or Dovecot, parsed again when added.</summary>
        public string? Text { get; }
    }
}
