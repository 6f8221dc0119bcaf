using System.Globalization;
using System.Text;

namespace MailTls.Core.MtaSts;

/// <summary>
/// An MTA-STS policy (RFC 8461 section 3.2), as served at
/// <c>https://mta-sts.DOMAIN/.well-known/mta-sts.txt</c>:
/// <code>
/// sts-policy-record     = sts-policy-field *WSP *(sts-policy-term-delim sts-policy-field *WSP) [sts-policy-term-delim]
/// sts-policy-field      = sts-policy-version / sts-policy-mode / sts-policy-max-age / sts-policy-mx / sts-policy-extension
/// sts-policy-field-delim = ":" *WSP
/// sts-policy-version    = %s"version" sts-policy-field-delim %s"STSv1"
/// sts-policy-mode       = %s"mode" sts-policy-field-delim ( %s"testing" / %s"enforce" / %s"none" )
/// sts-policy-max-age    = %s"max_age" sts-policy-field-delim 1*10DIGIT      ; at most 31557600
/// sts-policy-mx         = %s"mx" sts-policy-field-delim ["*."] Domain
/// sts-policy-term-delim = CRLF / LF
/// </code>
/// Diagnostics: <see cref="Parse"/> never throws on peer data; it reports each violation with its
/// line and stops at <see cref="MaxBytes"/> and <see cref="MaxProblems"/>.
/// </summary>
/// <param name="Mode">What senders do when an MX host fails.</param>
/// <param name="MaxAge">How long senders may cache the policy.</param>
/// <param name="Mx">The allowed MX patterns, in order.</param>
/// <param name="ModeLine">The 1-based line of the <c>mode:</c> field.</param>
/// <param name="Extensions">Fields senders do not know and ignore (RFC 8461 section 3.2).</param>
public sealed record MtaStsPolicy(
    MtaStsMode Mode,
    TimeSpan MaxAge,
    IReadOnlyList<MtaStsMxPattern> Mx,
    int ModeLine,
    IReadOnlyList<KeyValuePair<string, string>> Extensions)
{
    /// <summary>
    /// Largest body accepted. RFC 8461 section 3.3 lets senders limit the size (64 KiB is far above
    /// any real policy); a larger body is rejected whole rather than read in part.
    /// </summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Most problems reported for one body, so garbage cannot flood the report.</summary>
    public const int MaxProblems = 32;

    /// <summary>The largest <c>max_age</c> RFC 8461 section 3.2 allows: one year, in seconds.</summary>
    public const long MaxAgeLimitSeconds = 31_557_600;

    private const int MaxQuotedLines = 40;
    private const int MaxKeyLength = 32;
    private const int MaxAgeDigits = 10;

    /// <summary>Whether an MX host matches one of the <see cref="Mx"/> patterns (RFC 8461 section 4.1).</summary>
    /// <param name="host">The MX host name.</param>
    /// <returns>Whether senders may deliver to it under this policy.</returns>
    public bool Covers(string host) => Mx.Any(p => p.Matches(host));

    /// <summary>
    /// The smtp_tls_policy_maps entry that makes Postfix (which has no MTA-STS of its own) act
    /// like an MTA-STS sender for an enforce policy: <c>secure</c> (a trusted chain, RFC 8461
    /// section 4.2) with the <c>mx:</c> patterns as <c>match=</c> names, e.g.
    /// <c>example.com secure match=.example.com</c>. Testing and none policies ask senders not
    /// to refuse delivery, so they have no entry.
    /// </summary>
    /// <param name="domain">The destination domain, the table's key.</param>
    /// <returns>The table line, or null when the mode is not enforce or no pattern is listed.</returns>
    public string? ToPostfixPolicyEntry(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        return Mode == MtaStsMode.Enforce && Mx.Count > 0
            ? $"{domain.TrimEnd('.')} secure match={string.Join(':', Mx.Select(m => m.PostfixMatch).Distinct(StringComparer.OrdinalIgnoreCase))}"
            : null;
    }

    /// <summary>Parses a policy body as received over HTTPS.</summary>
    /// <param name="body">The response body bytes.</param>
    /// <returns>The policy, if senders can use it, and every violation with its line.</returns>
    public static MtaStsPolicyParse Parse(ReadOnlySpan<byte> body)
    {
        var problems = new List<MtaStsProblem>();
        var quoted = new List<string>();
        if (body.Length > MaxBytes)
        {
            problems.Add(new MtaStsProblem(0, null, Invariant($"the policy is {body.Length} bytes or more; mailtls accepts at most {MaxBytes} (RFC 8461 section 3.3 lets senders limit the size; real policies are under 1 KiB)")));
            return new MtaStsPolicyParse(null, problems, quoted);
        }

        if (body.IsEmpty)
        {
            problems.Add(new MtaStsProblem(0, null, "the policy body is empty"));
            return new MtaStsPolicyParse(null, problems, quoted);
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            problems.Add(new MtaStsProblem(0, null, "the policy is not valid UTF-8 (RFC 8461 section 3.2 defines it as text)"));
        }

        var state = new FieldState();
        var text = Encoding.UTF8.GetString(body).AsSpan();
        var number = 0;
        while (!text.IsEmpty && problems.Count < MaxProblems)
        {
            number++;
            var newline = text.IndexOf('\n');
            var line = newline >= 0 ? text[..newline] : text;
            text = newline >= 0 ? text[(newline + 1)..] : [];
            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            if (quoted.Count < MaxQuotedLines)
            {
                quoted.Add(TagValueRecord.Printable(line));
            }

            if (line.IndexOf('\r') is var cr and >= 0)
            {
                problems.Add(new MtaStsProblem(number, cr + 1, "a carriage return without a line feed; lines must end in CRLF or LF (RFC 8461 section 3.2)"));
                continue;
            }

            if (line.IsEmpty)
            {
                problems.Add(new MtaStsProblem(number, null, "an empty line; the policy grammar has none between fields (RFC 8461 section 3.2)"));
                continue;
            }

            ReadField(line, number, state, problems);
        }

        return new MtaStsPolicyParse(Build(state, problems), problems, quoted);
    }

    private static void ReadField(ReadOnlySpan<char> line, int number, FieldState state, List<MtaStsProblem> problems)
    {
        var colon = line.IndexOf(':');
        if (colon < 0)
        {
            problems.Add(new MtaStsProblem(number, 1, $"'{TagValueRecord.Printable(line)}' is not a 'key: value' line"));
            return;
        }

        var key = line[..colon];
        var value = line[(colon + 1)..].TrimStart(" \t");
        var valueColumn = line.Length - value.Length + 1;
        value = value.TrimEnd(" \t");
        if (key.IsEmpty || key.Length > MaxKeyLength || !char.IsAsciiLetterOrDigit(key[0]) || key.ContainsAnyExcept(KeyCharacters))
        {
            problems.Add(new MtaStsProblem(number, 1, $"'{TagValueRecord.Printable(key)}' is not a key (a letter or digit, then up to 31 letters, digits, '_', '-' or '.'; no leading space)"));
            return;
        }

        switch (key)
        {
            case "version":
                if (state.VersionLine > 0)
                {
                    problems.Add(Duplicate(number, "version", state.VersionLine));
                }
                else if (value.SequenceEqual("STSv1"))
                {
                    state.VersionLine = number;
                }
                else
                {
                    state.VersionLine = -number;
                    problems.Add(new MtaStsProblem(number, valueColumn, $"version is '{TagValueRecord.Printable(value)}'; the only version is 'STSv1' (case-sensitive)"));
                }

                break;

            case "mode":
                if (state.ModeLine != 0)
                {
                    problems.Add(Duplicate(number, "mode", Math.Abs(state.ModeLine)));
                }
                else if (value is "enforce" or "testing" or "none")
                {
                    state.Mode = value switch { "enforce" => MtaStsMode.Enforce, "testing" => MtaStsMode.Testing, _ => MtaStsMode.None };
                    state.ModeLine = number;
                }
                else
                {
                    state.ModeLine = -number;
                    problems.Add(new MtaStsProblem(number, valueColumn, $"mode is '{TagValueRecord.Printable(value)}'; it must be 'enforce', 'testing' or 'none' (lower case)"));
                }

                break;

            case "max_age":
                if (state.MaxAgeLine != 0)
                {
                    problems.Add(Duplicate(number, "max_age", Math.Abs(state.MaxAgeLine)));
                }
                else if (value.Length is > 0 and <= MaxAgeDigits && !value.ContainsAnyExceptInRange('0', '9')
                    && long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) is var seconds and <= MaxAgeLimitSeconds)
                {
                    state.MaxAge = TimeSpan.FromSeconds(seconds);
                    state.MaxAgeLine = number;
                }
                else
                {
                    state.MaxAgeLine = -number;
                    problems.Add(new MtaStsProblem(number, valueColumn, Invariant($"max_age is '{TagValueRecord.Printable(value)}'; it must be whole seconds from 0 to {MaxAgeLimitSeconds} (one year), e.g. 604800 for a week")));
                }

                break;

            case "mx":
                if (MtaStsMxPattern.IsValid(value))
                {
                    state.Mx.Add(new MtaStsMxPattern(value.ToString(), number));
                }
                else
                {
                    state.InvalidMx++;
                    problems.Add(new MtaStsProblem(number, valueColumn, $"mx '{TagValueRecord.Printable(value)}' is not a host name or '*.' followed by a domain (a wildcard is only allowed as the whole leftmost label)"));
                }

                break;

            default:
                if (key.Equals("version", StringComparison.OrdinalIgnoreCase) || key.Equals("mode", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("max_age", StringComparison.OrdinalIgnoreCase) || key.Equals("mx", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("max-age", StringComparison.OrdinalIgnoreCase))
                {
                    // Keys are case-sensitive (%s in the ABNF): senders ignore "Mode:" as an unknown extension.
                    problems.Add(new MtaStsProblem(number, 1, $"'{TagValueRecord.Printable(key)}' is read as an unknown key and ignored; write '{KnownKey(key)}' exactly"));
                }

                state.Extensions.Add(new(key.ToString(), value.ToString()));
                break;
        }
    }

    private static MtaStsPolicy? Build(FieldState state, List<MtaStsProblem> problems)
    {
        Missing(state.VersionLine, "version: STSv1", problems);
        Missing(state.ModeLine, "mode: enforce (or testing, or none)", problems);
        Missing(state.MaxAgeLine, "max_age: 604800 (seconds)", problems);

        // RFC 8461 section 3.2: mx is required; a policy that allows no MX host blocks all mail in
        // enforce mode. Only mode none, which withdraws a policy, can do without one.
        if (state.Mx.Count == 0 && !(state.ModeLine > 0 && state.Mode == MtaStsMode.None) && state.InvalidMx == 0)
        {
            problems.Add(new MtaStsProblem(0, null, "the policy has no 'mx:' line; add one per MX host or pattern, e.g. 'mx: mail.example.com' or 'mx: *.example.com'"));
        }

        var usable = state.VersionLine > 0 && state.ModeLine > 0 && state.MaxAgeLine > 0
            && (state.Mx.Count > 0 || state.Mode == MtaStsMode.None);
        return usable ? new MtaStsPolicy(state.Mode, state.MaxAge, state.Mx, state.ModeLine, state.Extensions) : null;
    }

    private static void Missing(int line, string example, List<MtaStsProblem> problems)
    {
        if (line == 0)
        {
            problems.Add(new MtaStsProblem(0, null, $"the policy has no '{example.Split(':')[0]}:' line, which RFC 8461 section 3.2 requires; add '{example}'"));
        }
    }

    private static MtaStsProblem Duplicate(int number, string key, int first) =>
        new(number, 1, Invariant($"a second '{key}:' line; the first, on line {first}, is the one that counts"));

    private static string KnownKey(ReadOnlySpan<char> key) =>
        key.Equals("max-age", StringComparison.OrdinalIgnoreCase) ? "max_age" : key.ToString().ToLowerInvariant();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static readonly System.Buffers.SearchValues<char> KeyCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");

    /// <summary>What the lines seen so far set; a negative line number marks a field present but invalid.</summary>
    private sealed class FieldState
    {
        public int VersionLine { get; set; }

        public int ModeLine { get; set; }

        public int MaxAgeLine { get; set; }

        public MtaStsMode Mode { get; set; } = MtaStsMode.None;

        public TimeSpan MaxAge { get; set; }

        public int InvalidMx { get; set; }

        public List<MtaStsMxPattern> Mx { get; } = [];

        public List<KeyValuePair<string, string>> Extensions { get; } = [];
    }
}
