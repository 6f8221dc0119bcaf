using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix.Outbound;

/// <summary>
/// The source text of a Postfix lookup table (postmap(1) input: <c>key value</c> lines with
/// main.cf's comment and continuation rules), or an <c>inline:{ key=value, ... }</c> table.
/// Keys are folded to lower case, as Postfix opens policy tables with DICT_FLAG_FOLD_FIX.
/// </summary>
public sealed class LookupTable
{
    private readonly Dictionary<string, LookupEntry> _entries;

    private LookupTable(string name, Dictionary<string, LookupEntry> entries, IReadOnlyList<ConfigProblem> problems)
    {
        Name = name;
        _entries = entries;
        Problems = problems;
    }

    /// <summary>The table as named in main.cf, e.g. <c>hash:/etc/postfix/tls_policy</c>.</summary>
    public string Name { get; }

    /// <summary>Lines Postfix's postmap would refuse.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>The entries by folded key; a repeated key keeps the first, as postmap warns and does.</summary>
    public IReadOnlyDictionary<string, LookupEntry> Entries => _entries;

    /// <summary>Reads postmap source text.</summary>
    /// <param name="name">The table reference, for citations.</param>
    /// <param name="text">The source file content.</param>
    /// <param name="path">The source file path.</param>
    /// <returns>The table.</returns>
    public static LookupTable ParseSource(string name, string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<ConfigProblem>();
        var entries = new Dictionary<string, LookupEntry>(StringComparer.Ordinal);
        foreach (var line in ConfigLogicalLine.Read(text, path, problems, MainCfFile.MaxLogicalLineLength))
        {
            var body = line.Text;
            var split = body.IndexOfAny([' ', '\t']);
            var location = new SourceLocation(path, line.FirstLine);
            if (split < 0)
            {
                problems.Add(new ConfigProblem(location, $"expected \"key whitespace value\": \"{body}\""));
                continue;
            }

            var key = body[..split].ToLowerInvariant();
            if (!entries.TryAdd(key, new LookupEntry(key, body[split..].Trim(), location)))
            {
                problems.Add(new ConfigProblem(location, $"duplicate entry: \"{key}\"; the first one is used"));
            }
        }

        return new LookupTable(name, entries, problems);
    }

    /// <summary>Reads an <c>inline:{ key=value, { key = text with spaces } }</c> table (Postfix 3.0+).</summary>
    /// <param name="name">The whole reference, e.g. <c>inline:{ example.com=secure }</c>.</param>
    /// <param name="location">Where the reference is written.</param>
    /// <returns>The table.</returns>
    public static LookupTable ParseInline(string name, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(name);
        var problems = new List<ConfigProblem>();
        var entries = new Dictionary<string, LookupEntry>(StringComparer.Ordinal);
        var open = name.IndexOf('{', StringComparison.Ordinal);
        var close = name.LastIndexOf('}');
        if (open < 0 || close < open)
        {
            problems.Add(new ConfigProblem(location, $"inline table without {{...}}: \"{name}\""));
            return new LookupTable(name, entries, problems);
        }

        foreach (var item in SplitInline(name[(open + 1)..close]))
        {
            var text = item.StartsWith('{') && item.EndsWith('}') ? item[1..^1].Trim() : item;
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add(new ConfigProblem(location, $"inline table item without key=value: \"{item}\""));
                continue;
            }

            var key = text[..eq].Trim().ToLowerInvariant();
            entries.TryAdd(key, new LookupEntry(key, text[(eq + 1)..].Trim(), location));
        }

        return new LookupTable(name, entries, problems);
    }

    /// <summary>Looks a key up exactly (after folding).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The entry, or null.</returns>
    public LookupEntry? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _entries.GetValueOrDefault(key.ToLowerInvariant());
    }

    /// <summary>Splits inline items on commas and whitespace, keeping <c>{ ... }</c> groups whole.</summary>
    private static List<string> SplitInline(string body)
    {
        var items = new List<string>();
        var depth = 0;
        var start = -1;
        for (var i = 0; i <= body.Length; i++)
        {
            var c = i < body.Length ? body[i] : ',';
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            var separator = depth == 0 && (c == ',' || char.IsWhiteSpace(c));
            if (separator)
            {
                if (start >= 0)
                {
                    items.Add(body[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        return items;
    }
}
