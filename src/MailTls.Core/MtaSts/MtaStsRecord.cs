namespace MailTls.Core.MtaSts;

/// <summary>
/// The <c>_mta-sts.DOMAIN</c> TXT record (RFC 8461 section 3.1), which tells senders a policy
/// exists and, through <see cref="Id"/>, when it changed:
/// <code>
/// sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
/// sts-version     = %s"v=STSv1"
/// sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
/// </code>
/// </summary>
/// <param name="Id">The policy id senders compare with their cached copy.</param>
/// <param name="Extensions">Other <c>name=value</c> fields, which senders ignore.</param>
public sealed record MtaStsRecord(string Id, IReadOnlyList<KeyValuePair<string, string>> Extensions)
{
    /// <summary>The version field every candidate record starts with.</summary>
    public const string VersionField = "v=STSv1";

    private const int MaxIdLength = 32;

    /// <summary>
    /// Chooses and parses the record among the TXT strings at <c>_mta-sts.DOMAIN</c>
    /// (RFC 8461 section 3.1): strings that do not start with <c>v=STSv1</c> are discarded; if
    /// not exactly one remains, or it is invalid, senders assume there is no policy.
    /// </summary>
    /// <param name="txt">Each TXT record as the concatenation of its character-strings.</param>
    /// <returns>The record senders use, if any, and every violation; never throws on peer data.</returns>
    public static TxtRecordSelection<MtaStsRecord> Select(IReadOnlyList<string> txt) =>
        TagValueRecord.Select<MtaStsRecord>(txt, VersionField, "RFC 8461 section 3.1 requires exactly one, otherwise senders assume there is no policy", TryParse);

    /// <summary>Parses one record text, e.g. <c>v=STSv1; id=20240101T000000;</c>.</summary>
    /// <param name="text">The TXT string.</param>
    /// <param name="record">The record, when it is valid.</param>
    /// <param name="problems">Where violations go; a record may be usable and still have none.</param>
    /// <returns>Whether a usable record was read.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out MtaStsRecord? record, List<MtaStsProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        record = null;
        var before = problems.Count;
        var fields = TagValueRecord.Read(text, VersionField, problems);
        if (fields is null)
        {
            return false;
        }

        string? id = null;
        var extensions = new List<KeyValuePair<string, string>>();
        foreach (var (name, value, column) in fields)
        {
            if (name != "id")
            {
                // RFC 8461 section 3.1: unknown fields are extensions, which senders ignore.
                extensions.Add(new(name, value));
                continue;
            }

            if (id is not null)
            {
                problems.Add(new MtaStsProblem(1, column, "a second 'id' field; the record must have exactly one"));
                continue;
            }

            if (value.Length > MaxIdLength || value.AsSpan().ContainsAnyExcept(IdCharacters))
            {
                problems.Add(new MtaStsProblem(1, column, TagValueRecord.Invariant(
                    $"id '{TagValueRecord.Printable(value)}' must be 1 to 32 letters and digits (RFC 8461 section 3.1); it has {value.Length} characters{(value.AsSpan().ContainsAnyExcept(IdCharacters) ? ", some neither letter nor digit" : string.Empty)}")));
                id = string.Empty;
                continue;
            }

            id = value;
        }

        if (id is null)
        {
            problems.Add(new MtaStsProblem(1, null, "the record has no 'id' field, which RFC 8461 section 3.1 requires (e.g. id=20240101T000000)"));
        }

        if (problems.Count > before || string.IsNullOrEmpty(id))
        {
            return false;
        }

        record = new MtaStsRecord(id, extensions);
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> IdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
}
