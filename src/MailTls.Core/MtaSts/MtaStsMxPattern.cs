namespace MailTls.Core.MtaSts;

/// <summary>
/// One <c>mx:</c> value of a policy (RFC 8461 section 3.2): a host name, or <c>*.</c> followed by a
/// domain to allow any host exactly one label below it.
/// </summary>
/// <param name="Pattern">The pattern as published, e.g. <c>*.mail.example.com</c>.</param>
/// <param name="Line">The 1-based policy line it came from.</param>
public sealed record MtaStsMxPattern(string Pattern, int Line)
{
    private const int MaxDomainLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Whether the pattern starts with the <c>*.</c> wildcard.</summary>
    public bool IsWildcard => Pattern.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>
    /// The pattern as a Postfix <c>match=</c> name (smtp_tls_policy_maps): <c>*.example.com</c>
    /// becomes <c>.example.com</c>, a host name stays as it is. Postfix tests these against the
    /// certificate's names, and its <c>.example.com</c> also accepts deeper names than MTA-STS's
    /// one-label wildcard, so the Postfix entry is slightly more permissive.
    /// </summary>
    public string PostfixMatch => IsWildcard ? Pattern[1..] : Pattern;

    /// <summary>
    /// Whether an MX host matches, by RFC 8461 section 4.1: names compare case-insensitively, and
    /// a leading <c>*</c> stands for exactly one whole label, so <c>*.example.com</c> matches
    /// <c>mx.example.com</c> but neither <c>example.com</c> nor <c>a.mx.example.com</c>.
    /// </summary>
    /// <param name="host">The MX host name, with or without its final dot.</param>
    /// <returns>Whether a sender would accept this MX host under the policy.</returns>
    public bool Matches(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.AsSpan().TrimEnd('.');
        if (!IsWildcard)
        {
            return name.Equals(Pattern, StringComparison.OrdinalIgnoreCase);
        }

        var parent = Pattern.AsSpan(1);
        var dot = name.IndexOf('.');
        return dot > 0 && name[dot..].Equals(parent, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether text is a valid <c>sts-policy-mx-value</c>: <c>["*."] Domain</c>, where Domain is
    /// RFC 5321's: labels of letters, digits and inner hyphens, joined by dots.
    /// </summary>
    internal static bool IsValid(ReadOnlySpan<char> text)
    {
        var domain = text.StartsWith("*.") ? text[2..] : text;
        if (domain.IsEmpty || domain.Length > MaxDomainLength)
        {
            return false;
        }

        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.Length > MaxLabelLength
                || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1])
                || label.ContainsAnyExcept(LabelCharacters))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly System.Buffers.SearchValues<char> LabelCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
}
