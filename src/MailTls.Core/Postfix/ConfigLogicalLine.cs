namespace MailTls.Core.Postfix;

/// <summary>
/// One logical line of main.cf or master.cf: a line that starts with non-whitespace plus the
/// continuation lines that follow it (postconf(5), master(5)). Continuations are joined with one
/// space, as postconf prints them. Keeps where each character came from so that a token can be
/// cited with its own physical line.
/// </summary>
internal sealed class ConfigLogicalLine
{
    private readonly List<(int Offset, int Line)> _starts = [];

    public ConfigLogicalLine(int firstLine, string text)
    {
        FirstLine = firstLine;
        _starts.Add((0, firstLine));
        Builder.Append(text);
    }

    /// <summary>The 1-based physical line the logical line starts on.</summary>
    public int FirstLine { get; }

    private System.Text.StringBuilder Builder { get; } = new();

    /// <summary>The joined text.</summary>
    public string Text => Builder.ToString();

    /// <summary>The joined length so far, to bound hostile input.</summary>
    public int Length => Builder.Length;

    /// <summary>Appends a continuation line (leading whitespace already removed).</summary>
    public void Continue(int line, string text)
    {
        Builder.Append(' ');
        _starts.Add((Builder.Length, line));
        Builder.Append(text);
    }

    /// <summary>The physical line a character offset of <see cref="Text"/> came from.</summary>
    public int LineOf(int offset)
    {
        var line = FirstLine;
        foreach (var (start, physical) in _starts)
        {
            if (start > offset)
            {
                break;
            }

            line = physical;
        }

        return line;
    }

    /// <summary>
    /// Splits text into logical lines: blank lines and lines whose first non-whitespace character
    /// is '#' are skipped without ending the logical line they sit in.
    /// </summary>
    public static List<ConfigLogicalLine> Read(string text, string path, ICollection<ConfigProblem> problems, int maxLogicalLength)
    {
        var lines = new List<ConfigLogicalLine>();
        ConfigLogicalLine? current = null;
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var trimmed = rawLine.Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                continue;
            }

            var startsWithSpace = char.IsWhiteSpace(rawLine[0]);
            if (startsWithSpace && current is not null)
            {
                if (current.Length + trimmed.Length > maxLogicalLength)
                {
                    problems.Add(new ConfigProblem(new Evidence.SourceLocation(path, lineNumber), $"logical line longer than {maxLogicalLength} characters; the rest is ignored"));
                    continue;
                }

                current.Continue(lineNumber, trimmed.ToString());
                continue;
            }

            if (current is not null)
            {
                lines.Add(current);
            }

            if (startsWithSpace)
            {
                problems.Add(new ConfigProblem(new Evidence.SourceLocation(path, lineNumber), "continuation line with no line to continue; read as a line of its own"));
            }

            current = new ConfigLogicalLine(lineNumber, trimmed.Length > maxLogicalLength ? trimmed[..maxLogicalLength].ToString() : trimmed.ToString());
        }

        if (current is not null)
        {
            lines.Add(current);
        }

        return lines;
    }
}
