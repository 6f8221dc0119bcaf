namespace MailTls.Core.Postfix.Outbound;

/// <summary>
/// A policy table value (<c>LEVEL [name=value ...]</c>) read with tls_policy_lookup_one()'s rules
/// (src/smtp/smtp_tls_policy.c). An invalid value makes Postfix defer the destination with
/// 4.7.5 "client TLS configuration problem".
/// </summary>
public sealed record TlsPolicy
{
    private static readonly string[] SingleAttributes = ["ciphers", "protocols", "exclude", "servername", "connection_reuse"];

    /// <summary>The level, when valid.</summary>
    public OutboundLevel? Level { get; init; }

    /// <summary>The level as written.</summary>
    public required string LevelText { get; init; }

    /// <summary>Attributes other than match= and tafile=, by name.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The match= elements, accumulated over repeated attributes, split on ':'.</summary>
    public IReadOnlyList<string> Match { get; init; } = [];

    /// <summary>The tafile= trust-anchor files, in order (verify and secure only); they replace smtp_tls_CAfile/CApath trust.</summary>
    public IReadOnlyList<string> TrustAnchorFiles { get; init; } = [];

    /// <summary>Postfix's reason for rejecting the value; null when valid.</summary>
    public string? Problem { get; init; }

    /// <summary>Parses a value for a Postfix release.</summary>
    /// <param name="value">The table value.</param>
    /// <param name="postfix">The Postfix release.</param>
    /// <returns>The policy.</returns>
    public static TlsPolicy Parse(string value, PostfixVersion postfix)
    {
        ArgumentNullException.ThrowIfNull(value);
        var tokens = value.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return new TlsPolicy { LevelText = string.Empty, Problem = "invalid empty policy" };
        }

        var level = ParseLevel(tokens[0], postfix);
        if (level is null)
        {
            return new TlsPolicy { LevelText = tokens[0], Problem = $"invalid security level \"{tokens[0]}\"" };
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var match = new List<string>();
        var trustAnchors = new List<string>();
        foreach (var token in tokens.Skip(1))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return Invalid(tokens[0], level, $"malformed attribute/value pair \"{token}\"");
            }

            var name = token[..eq].ToLowerInvariant();
            var attributeValue = token[(eq + 1)..];
            if (attributeValue.Length == 0)
            {
                return Invalid(tokens[0], level, $"attribute \"{name}\" has empty value");
            }

            if (level == OutboundLevel.None)
            {
                // Postfix logs "ignoring attribute ... with TLS disabled" and carries on.
                continue;
            }

            switch (name)
            {
                case "match":
                    if (level is not (OutboundLevel.Fingerprint or OutboundLevel.Verify or OutboundLevel.Secure or OutboundLevel.Dane or OutboundLevel.DaneOnly))
                    {
                        return Invalid(tokens[0], level, $"attribute \"match\" invalid at security level \"{tokens[0]}\"");
                    }

                    match.AddRange(attributeValue.Split(level == OutboundLevel.Fingerprint ? '|' : ':', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "tafile":
                    // smtp_tls_policy.c: "Only makes sense if we're using CA-based trust" (TLS_MUST_PKIX).
                    if (level is not (OutboundLevel.Verify or OutboundLevel.Secure))
                    {
                        return Invalid(tokens[0], level, $"attribute \"tafile\" invalid at security level \"{tokens[0]}\"");
                    }

                    trustAnchors.Add(attributeValue);
                    break;
                case var single when SingleAttributes.Contains(single) && (postfix.AtLeast(3, 4) || single is not ("servername" or "connection_reuse")):
                    if (!attributes.TryAdd(name, attributeValue))
                    {
                        return Invalid(tokens[0], level, $"attribute \"{name}\" is specified multiple times");
                    }

                    break;
                default:
                    return Invalid(tokens[0], level, $"invalid attribute name: \"{name}\"");
            }
        }

        return new TlsPolicy { LevelText = tokens[0], Level = level, Attributes = attributes, Match = match, TrustAnchorFiles = trustAnchors };
    }

    /// <summary>Reads a level name as the given release does (tls_level_lookup()).</summary>
    /// <param name="text">The name.</param>
    /// <param name="postfix">The release.</param>
    /// <returns>The level, or null when that release does not know it.</returns>
    public static OutboundLevel? ParseLevel(string text, PostfixVersion postfix)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToLowerInvariant() switch
        {
            "none" => OutboundLevel.None,
            "may" => OutboundLevel.May,
            "encrypt" => OutboundLevel.Encrypt,
            "fingerprint" when postfix.AtLeast(2, 5) => OutboundLevel.Fingerprint,
            "dane" when postfix.AtLeast(2, 11) => OutboundLevel.Dane,
            "dane-only" when postfix.AtLeast(2, 11) => OutboundLevel.DaneOnly,
            "verify" => OutboundLevel.Verify,
            "secure" => OutboundLevel.Secure,
            _ => null,
        };
    }

    private static TlsPolicy Invalid(string levelText, OutboundLevel? level, string problem) =>
        new() { LevelText = levelText, Level = level, Problem = problem };
}
