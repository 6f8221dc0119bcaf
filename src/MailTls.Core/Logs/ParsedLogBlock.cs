using MailTls.Core.Logs.Postfix;

namespace MailTls.Core.Logs;

/// <summary>
/// A run of consecutive log lines already split, decoded, parsed and classified by
/// <see cref="LogBlockParser"/>, keeping only the lines that can matter; hand it to
/// <see cref="TlsEventExtractor.Add(string, int, ParsedLogBlock)"/> in file order.
/// </summary>
public sealed class ParsedLogBlock
{
    private readonly List<Entry> _entries;

    internal ParsedLogBlock(List<Entry> entries, int lines, int parsed, int mailLines, int tooLong, int unrecognised)
    {
        _entries = entries;
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

    internal IReadOnlyList<Entry> Entries => _entries;

    /// <summary>A block of one line that was too long to keep (the reader skipped its bytes).</summary>
    /// <returns>The block.</returns>
    public static ParsedLogBlock OneTooLongLine() => new([], 1, 0, 0, 1, 0);

    /// <summary>One kept line: a classified Postfix line, or the text of another MTA's line (rare, parsed again when added).</summary>
    /// <param name="Index">0-based index of the line within the block.</param>
    /// <param name="Postfix">The Postfix line, or null.</param>
    /// <param name="Text">The line of Sendmail, Exim or Dovecot, or null.</param>
    internal readonly record struct Entry(int Index, PostfixLineRecord? Postfix, string? Text);
}
