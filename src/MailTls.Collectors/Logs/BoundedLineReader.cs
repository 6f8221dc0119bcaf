using System.Text;

namespace MailTls.Collectors.Logs;

/// <summary>
/// Splits text into lines at LF (a CR before it is dropped) without ever holding more than
/// <see cref="MaxLineChars"/> of one line: a decompressed or piped log with no newline must not
/// grow one string until memory runs out. A longer line keeps its first characters, which is enough
/// for the parser to count it as too long.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader)
{
    /// <summary>The most characters kept of one line, as for a followed file.</summary>
    public const int MaxLineChars = LogFollower.MaxPendingChars;

    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;

    /// <summary>The next line, or null at the end of the text.</summary>
    /// <returns>The line without its terminator.</returns>
    /// <remarks>Synchronous: an awaited read per line costs more than parsing the line.</remarks>
    public string? ReadLine()
    {
        _line.Clear();
        var started = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = reader.Read(_buffer);
                _position = 0;
                if (_length == 0)
                {
                    return started ? Finish() : null;
                }
            }

            started = true;
            var available = _buffer.AsSpan(_position, _length - _position);
            var end = available.IndexOf('\n');
            if (end >= 0 && _line.Length == 0)
            {
                // The common case: the whole line is in the buffer, so no copy through the builder.
                _position += end + 1;
                var whole = available[..end];
                whole = whole.EndsWith('\r') ? whole[..^1] : whole;
                return new string(whole[..Math.Min(whole.Length, MaxLineChars)]);
            }

            var piece = end < 0 ? available : available[..end];
            _line.Append(piece[..Math.Min(piece.Length, MaxLineChars - _line.Length)]);
            _position += end < 0 ? available.Length : end + 1;
            if (end >= 0)
            {
                return Finish();
            }
        }
    }

    private string Finish()
    {
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }

        return _line.ToString();
    }
}
