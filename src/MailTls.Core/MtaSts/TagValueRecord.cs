using System.Globalization;

namespace MailTls.Core.MtaSts;

/// <summary>
/// The <c>tag=value</c> list shared by the <c>_mta-sts</c> record (RFC 8461 section 3.1) and the
/// <c>_smtp._tls</c> record (RFC 8460 section 3):
/// <code>
/// record     = version *(*WSP ";" *WSP field) [*WSP ";"] *WSP
/// field      = ext-name "=" ext-value
/// ext-name   = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
/// ext-value  = 1*(%x21-3A / %x3C / %x3E-7E)   ; no "=", ";", space or controls
/// </code>
/// Known fields (<c>id</c>, <c>rua</c>) have stricter values, checked by the callers.
/// </summary>
internal static class TagValueRecord
{
    /// <summary>Longest record text examined; a TXT RRset can hold 64 KiB, a real record is under 300 characters.</summary>
    internal const int MaxLength = 4096;

    /// <summary>Most problems reported for one record, so garbage cannot flood the report.</summary>
    internal const int MaxProblems = 16;

    private const int MaxNameLength = 32;

    /// <summary>Parses one record text into <typeparamref name="T"/>, adding violations to <c>problems</c>.</summary>
    internal delegate bool RecordParser<T>(ReadOnlySpan<char> text, out T? record, List<MtaStsProblem> problems)
        where T : class;

    /// <summary>
    /// The selection rule RFC 8461 section 3.1 and RFC 8460 section 3 share: TXT strings without the
    /// version field are discarded; exactly one must remain, and it must parse.
    /// </summary>
    /// <param name="txt">Each TXT record as the concatenation of its character-strings.</param>
    /// <param name="versionField">The version field candidates start with.</param>
    /// <param name="tooMany">What more than one candidate means for senders, with its RFC section.</param>
    /// <param name="parse">The record parser.</param>
    internal static TxtRecordSelection<T> Select<T>(IReadOnlyList<string> txt, string versionField, string tooMany, RecordParser<T> parse)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(txt);
        var candidates = txt.Where(t => HasVersion(t, versionField)).ToList();
        var problems = new List<MtaStsProblem>();
        if (candidates.Count > 1)
        {
            problems.Add(new MtaStsProblem(0, null, Invariant($"{candidates.Count} TXT records start with '{versionField}'; {tooMany}")));
            return new(null, candidates, problems);
        }

        if (candidates.Count == 0)
        {
            return new(null, candidates, problems);
        }

        return parse(candidates[0], out var record, problems)
            ? new(record, candidates, problems)
            : new(null, candidates, problems);
    }

    /// <summary>Whether the text starts with the version field, which is how candidates are chosen.</summary>
    private static bool HasVersion(ReadOnlySpan<char> text, string versionField) =>
        text.StartsWith(versionField, StringComparison.Ordinal)
        && (text.Length == versionField.Length || text[versionField.Length] is ';' or ' ' or '\t');

    /// <summary>
    /// Reads one record text of either kind: it must start with the version field and be at most
    /// <see cref="MaxLength"/> long; a violation of either is reported and yields no fields at all.
    /// </summary>
    /// <param name="text">The TXT string.</param>
    /// <param name="versionField">For example <c>v=STSv1</c>.</param>
    /// <param name="problems">Where violations go.</param>
    /// <param name="listField">A field whose value is a comma list (RFC 8460 <c>rua</c>).</param>
    /// <returns>The well-formed fields in order, with the 1-based column of each name; null when the record cannot be read.</returns>
    internal static List<(string Name, string Value, int Column)>? Read(
        ReadOnlySpan<char> text, string versionField, List<MtaStsProblem> problems, string? listField = null)
    {
        if (!HasVersion(text, versionField))
        {
            problems.Add(new MtaStsProblem(1, 1, $"the record must start with '{versionField}' (case-sensitive), not '{Printable(text[..Math.Min(text.Length, 12)])}'"));
            return null;
        }

        // Fields reports an over-long record and reads nothing of it.
        var fields = Fields(text, versionField, 1, problems, listField);
        return text.Length > MaxLength ? null : fields;
    }

    /// <summary>Splits a candidate (one that <see cref="HasVersion"/>) into its fields after the version.</summary>
    /// <param name="text">The whole TXT string.</param>
    /// <param name="versionField">For example <c>v=STSv1</c>.</param>
    /// <param name="record">The 1-based index of the TXT string, for problem locations.</param>
    /// <param name="problems">Where violations go.</param>
    /// <param name="listField">A field whose value is a comma list that may have white space around the commas (RFC 8460 <c>rua</c>).</param>
    /// <returns>The well-formed fields in order, with the 1-based column of each name.</returns>
    private static List<(string Name, string Value, int Column)> Fields(
        ReadOnlySpan<char> text, string versionField, int record, List<MtaStsProblem> problems, string? listField = null)
    {
        var fields = new List<(string, string, int)>();
        if (text.Length > MaxLength)
        {
            problems.Add(new MtaStsProblem(record, null, Invariant($"the record is {text.Length} characters long; mailtls reads at most {MaxLength} (real records are a few dozen)")));
            return fields;
        }

        var position = versionField.Length;
        while (position < text.Length && problems.Count < MaxProblems)
        {
            position = SkipWsp(text, position);
            if (position >= text.Length)
            {
                break;
            }

            if (text[position] != ';')
            {
                problems.Add(new MtaStsProblem(record, position + 1, Invariant($"expected ';' between fields, found '{Printable(text[position])}'")));
                return fields;
            }

            position = SkipWsp(text, position + 1);
            if (position >= text.Length)
            {
                break;
            }

            var end = text[position..].IndexOf(';') is var semicolon and >= 0 ? position + semicolon : text.Length;
            var field = text[position..end].TrimEnd(" \t");
            var column = position + 1;
            position = end;
            if (field.IsEmpty)
            {
                problems.Add(new MtaStsProblem(record, column, "an empty field between two ';'"));
                continue;
            }

            var equals = field.IndexOf('=');
            if (equals < 0)
            {
                problems.Add(new MtaStsProblem(record, column, $"'{Printable(field)}' is not a name=value field"));
                continue;
            }

            var name = field[..equals];
            var value = field[(equals + 1)..];
            if (!IsName(name))
            {
                problems.Add(new MtaStsProblem(record, column, $"'{Printable(name)}' is not a field name (a letter or digit, then up to 31 letters, digits, '_', '-' or '.')"));
                continue;
            }

            if (value.IsEmpty)
            {
                problems.Add(new MtaStsProblem(record, column, $"the field '{name}' has no value"));
                continue;
            }

            var isList = name.SequenceEqual(listField);
            var bad = isList
                ? value.IndexOfAnyExcept(ListValueCharacters)
                : value.IndexOfAnyExceptInRange('\x21', '\x7e');
            if (bad < 0 && !isList)
            {
                bad = value.IndexOfAny('=', ';');
            }

            if (bad >= 0)
            {
                problems.Add(new MtaStsProblem(record, column + equals + 1 + bad, $"the value of '{name}' contains '{Printable(value[bad])}', which field values may not contain"));
                continue;
            }

            fields.Add((name.ToString(), value.ToString(), column));
        }

        return fields;
    }

    /// <summary>Replaces control and non-ASCII characters so peer data can be shown safely.</summary>
    internal static string Printable(ReadOnlySpan<char> text)
    {
        const int MaxShown = 80;
        var shown = text.Length > MaxShown ? text[..MaxShown] : text;
        var result = string.Create(shown.Length, shown.ToString(), (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
        return text.Length > MaxShown ? result + "..." : result;
    }

    private static string Printable(char c) => Printable([c]);

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int SkipWsp(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }

        return position;
    }

    private static bool IsName(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxNameLength
        && char.IsAsciiLetterOrDigit(name[0])
        && !name.ContainsAnyExcept(NameCharacters);

    private static readonly System.Buffers.SearchValues<char> ListValueCharacters =
        System.Buffers.SearchValues.Create(" \t!\"#$%&'()*+,-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");
}
