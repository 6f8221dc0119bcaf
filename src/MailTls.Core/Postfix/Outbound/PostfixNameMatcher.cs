namespace MailTls.Core.Postfix.Outbound;

/// <summary>
/// Certificate name matching as each Postfix release does it (postfix-tls-semantics.md 4.4):
/// 3.6+ hands the names to OpenSSL (a wildcard is one whole left-most label and matches exactly
/// one label); 2.11–3.5 use Postfix's own code, where <c>*.X</c> also matches deeper names while
/// tls_wildcard_matches_multiple_labels is yes (the default); 2.3–2.10 match one label. A
/// reference starting with '.' is a suffix test on the certificate name taken literally.
/// </summary>
public static class PostfixNameMatcher
{
    /// <summary>Whether a presented certificate name satisfies a reference name.</summary>
    /// <param name="presented">A DNS SAN (or the CN when there is none).</param>
    /// <param name="reference">An exact name, or ".suffix" for any sub-domain.</param>
    /// <param name="postfix">The Postfix release.</param>
    /// <param name="wildcardMatchesMultipleLabels">tls_wildcard_matches_multiple_labels (2.11–3.5).</param>
    /// <returns>True on a match.</returns>
    public static bool Matches(string presented, string reference, PostfixVersion postfix, bool wildcardMatchesMultipleLabels = true)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(reference);
        presented = presented.TrimEnd('.');
        reference = reference.TrimEnd('.');
        if (reference.StartsWith('.'))
        {
            return presented.Length > reference.Length && presented.EndsWith(reference, StringComparison.OrdinalIgnoreCase);
        }

        if (!presented.StartsWith("*.", StringComparison.Ordinal))
        {
            return string.Equals(presented, reference, StringComparison.OrdinalIgnoreCase);
        }

        var suffix = presented[1..];
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }

        if (postfix.AtLeast(3, 6))
        {
            // OpenSSL: "*.com" is no valid wildcard, and the star stands for exactly one label.
            return presented.Count(c => c == '.') >= 2 && string.Equals(reference[dot..], suffix, StringComparison.OrdinalIgnoreCase);
        }

        var multiple = postfix.AtLeast(2, 11) && wildcardMatchesMultipleLabels;
        return multiple
            ? reference[dot..].EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            : string.Equals(reference[dot..], suffix, StringComparison.OrdinalIgnoreCase);
    }
}
