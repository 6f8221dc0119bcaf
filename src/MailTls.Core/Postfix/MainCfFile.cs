using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix;

/// <summary>
/// main.cf as Postfix reads it (postconf(5)): logical lines of <c>name = value</c>, whitespace
/// around '=' ignored, '#' comments only as whole lines (a '#' inside a value is part of it), and
/// the last definition of a name wins. Also reads <c>postconf -n</c> / <c>postconf -d</c> output,
/// which has the same syntax.
/// </summary>
public sealed class MainCfFile
{
    /// <summary>Longest logical line kept; Postfix has no such limit, but a hostile file must not exhaust memory.</summary>
    public const int MaxLogicalLineLength = 1 << 20;

    private readonly Dictionary<string, MainCfEntry> _effective;

    private MainCfFile(string path, List<MainCfEntry> entries, List<ConfigProblem> problems)
    {
        Path = path;
        Entries = entries;
        Problems = problems;
        _effective = new Dictionary<string, MainCfEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _effective[entry.Name] = entry;
        }
    }

    /// <summary>The file the text came from, for citations.</summary>
    public string Path { get; }

    /// <summary>Every definition in file order, including ones a later line overrides.</summary>
    public IReadOnlyList<MainCfEntry> Entries { get; }

    /// <summary>Lines Postfix would refuse or warn about.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>The definitions that take effect: the last one of each name.</summary>
    public IReadOnlyDictionary<string, MainCfEntry> Effective => _effective;

    /// <summary>Parses main.cf text. Never throws on bad content; bad lines become <see cref="Problems"/>.</summary>
    /// <param name="text">The file content.</param>
    /// <param name="path">The file name to cite.</param>
    /// <returns>The parsed file.</returns>
    public static MainCfFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var entries = new List<MainCfEntry>();
        var problems = new List<ConfigProblem>();
        foreach (var line in ConfigLogicalLine.Read(text, path, problems, MaxLogicalLineLength))
        {
            var location = new SourceLocation(path, line.FirstLine);
            if (TrySplit(line.Text, out var name, out var value, out var error))
            {
                entries.Add(new MainCfEntry(name, value, location));
            }
            else
            {
                problems.Add(new ConfigProblem(location, error));
            }
        }

        return new MainCfFile(path, entries, problems);
    }

    /// <summary>
    /// Splits <c>name = value</c> the way Postfix's split_nameval() does, with its error wording.
    /// </summary>
    internal static bool TrySplit(string text, out string name, out string value, out string error)
    {
        var span = text.AsSpan().Trim();
        var nameEnd = 0;
        while (nameEnd < span.Length && span[nameEnd] != '=' && !char.IsWhiteSpace(span[nameEnd]))
        {
            nameEnd++;
        }

        name = span[..nameEnd].ToString();
        var rest = span[nameEnd..].TrimStart();
        value = string.Empty;
        if (name.Length == 0)
        {
            error = $"missing attribute name: \"{text}\"";
            return false;
        }

        if (rest.IsEmpty || rest[0] != '=')
        {
            error = $"missing '=' after attribute name: \"{text}\"";
            return false;
        }

        value = rest[1..].Trim().ToString();
        error = string.Empty;
        return true;
    }
}
