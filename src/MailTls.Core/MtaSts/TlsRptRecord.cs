namespace MailTls.Core.MtaSts;

/// <summary>
/// The <c>_smtp._tls.DOMAIN</c> TXT record (RFC 8460 section 3), which tells senders where to send
/// TLS reports:
/// <code>
/// tlsrpt-record  = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
/// tlsrpt-version = %s"v=TLSRPTv1"
/// tlsrpt-rua     = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
/// tlsrpt-uri     = URI   ; "mailto:" or "https:" (section 3)
/// </code>
/// </summary>
/// <param name="ReportUris">Where reports go, in order: <c>mailto:</c> and <c>https:</c> URIs.</param>
/// <param name="Extensions">Other <c>name=value</c> fields, which senders ignore.</param>
public sealed record TlsRptRecord(IReadOnlyList<Uri> ReportUris, IReadOnlyList<KeyValuePair<string, string>> Extensions)
{
    /// <summary>The version field every candidate record starts with.</summary>
    public const string VersionField = "v=TLSRPTv1";

    private const int MaxUris = 32;

    /// <summary>
    /// Chooses and parses the record among the TXT strings at <c>_smtp._tls.DOMAIN</c>
    /// (RFC 8460 section 3): strings without <c>v=TLSRPTv1</c> are discarded; if not exactly one
    /// remains, senders assume the domain does not want reports.
    /// </summary>
    /// <param name="txt">Each TXT record as the concatenation of its character-strings.</param>
    /// <returns>The record senders use, if any, and every violation; never throws on peer data.</returns>
    public static TxtRecordSelection<TlsRptRecord> Select(IReadOnlyList<string> txt) =>
        TagValueRecord.Select<TlsRptRecord>(txt, VersionField, "RFC 8460 section 3 requires exactly one, otherwise senders send no reports", TryParse);

    /// <summary>Parses one record text, e.g. <c>v=TLSRPTv1; rua=mailto:tlsrpt@example.com</c>.</summary>
    /// <param name="text">The TXT string.</param>
    /// <param name="record">The record, when it is valid.</param>
    /// <param name="problems">Where violations go.</param>
    /// <returns>Whether a usable record was read.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out TlsRptRecord? record, List<MtaStsProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        record = null;
        var before = problems.Count;
        var fields = TagValueRecord.Read(text, VersionField, problems, listField: "rua");
        if (fields is null)
        {
            return false;
        }

        List<Uri>? uris = null;
        var extensions = new List<KeyValuePair<string, string>>();
        foreach (var (name, value, column) in fields)
        {
            if (name != "rua")
            {
                extensions.Add(new(name, value));
                continue;
            }

            if (uris is not null)
            {
                problems.Add(new MtaStsProblem(1, column, "a second 'rua' field; list every destination in one, separated by commas"));
                continue;
            }

            uris = [];
            foreach (var item in value.Split(',', MaxUris + 1))
            {
                if (uris.Count == MaxUris)
                {
                    problems.Add(new MtaStsProblem(1, column, TagValueRecord.Invariant($"more than {MaxUris} report URIs")));
                    break;
                }

                if (TryReportUri(item.Trim(' ', '\t'), out var uri, out var error))
                {
                    uris.Add(uri!);
                }
                else
                {
                    problems.Add(new MtaStsProblem(1, column, error!));
                }
            }
        }

        if (uris is null)
        {
            problems.Add(new MtaStsProblem(1, null, "the record has no 'rua' field, which RFC 8460 section 3 requires (e.g. rua=mailto:tlsrpt@example.com)"));
        }

        if (problems.Count > before || uris is null)
        {
            return false;
        }

        record = new TlsRptRecord(uris, extensions);
        return true;
    }

    /// <summary>RFC 8460 section 3: a <c>mailto:</c> address or an <c>https:</c> URL, nothing else.</summary>
    private static bool TryReportUri(string text, out Uri? uri, out string? error)
    {
        uri = null;
        if (text.Length == 0)
        {
            error = "an empty report URI in 'rua' (a stray comma?)";
            return false;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed))
        {
            error = $"'{TagValueRecord.Printable(text)}' is not a URI; use mailto:ADDRESS or https://HOST/PATH";
            return false;
        }

        if (parsed.Scheme == Uri.UriSchemeMailto)
        {
            var address = text["mailto:".Length..];
            var at = address.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at == address.Length - 1)
            {
                error = $"'{TagValueRecord.Printable(text)}' has no mailbox; use mailto:local@domain";
                return false;
            }
        }
        else if (parsed.Scheme != Uri.UriSchemeHttps)
        {
            error = $"'{TagValueRecord.Printable(text)}' uses the scheme '{TagValueRecord.Printable(parsed.Scheme)}'; RFC 8460 section 3 allows only mailto: and https:";
            return false;
        }

        uri = parsed;
        error = null;
        return true;
    }
}
