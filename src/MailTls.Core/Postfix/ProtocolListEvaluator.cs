using System.Globalization;

namespace MailTls.Core.Postfix;

/// <summary>
/// Evaluates a Postfix protocol list (<c>smtpd_tls_protocols</c>, <c>smtp_tls_mandatory_protocols</c>,
/// a policy table's <c>protocols=</c>) the way the given Postfix release does with the given
/// OpenSSL: tls_protocol_mask() before 3.6 and tls_proto_mask_lims() from 3.6 (src/tls/tls_misc.c).
/// Which names a release knows, and which have no effect, follows the release history in
/// shared/reference/postfix-tls-semantics.md section 1.3.
/// </summary>
public static class ProtocolListEvaluator
{
    private static readonly Version OpenSsl101 = new(1, 0, 1);
    private static readonly Version OpenSsl110 = new(1, 1, 0);
    private static readonly Version OpenSsl111 = new(1, 1, 1);
    private static readonly Version OpenSsl300 = new(3, 0, 0);

    /// <summary>Evaluates a protocol list.</summary>
    /// <param name="list">The value, already <c>$name</c>-expanded.</param>
    /// <param name="postfix">The Postfix release.</param>
    /// <param name="openSsl">The OpenSSL release Postfix is linked with.</param>
    /// <param name="policyTableSyntax">True for a policy table's <c>protocols=</c>, where only ':' separates.</param>
    /// <returns>What the list allows.</returns>
    public static ProtocolListResult Evaluate(string list, PostfixVersion postfix, Version openSsl, bool policyTableSyntax = false)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(openSsl);
        var separators = policyTableSyntax ? [':'] : postfix.Major >= 3 ? new[] { ' ', '\t', '\r', '\n', ',', ':' } : [' ', '\t', '\r', '\n', ','];
        var tokens = list.Split(separators, StringSplitOptions.RemoveEmptyEntries);
        var bounds = postfix.AtLeast(3, 6);
        var include = new HashSet<PostfixProtocol>();
        var exclude = new HashSet<PostfixProtocol>();
        var pitfalls = new List<string>();
        PostfixProtocol? floor = null;
        PostfixProtocol? ceiling = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (bounds && (token.StartsWith(">=", StringComparison.Ordinal) || token.StartsWith("<=", StringComparison.Ordinal)))
            {
                var isFloor = token[0] == '>';
                var text = token[2..];
                if (!TryParseBound(text, out var bound, out var unsupportedHex))
                {
                    return Invalid(list, token);
                }

                if (text.Length == 0 && i + 1 < tokens.Length)
                {
                    pitfalls.Add($"\"{token} {tokens[i + 1]}\" has a space after '{token}': Postfix reads an empty bound and then \"{tokens[i + 1]}\" as a list of its own, so only that protocol is allowed; write \"{token}{tokens[i + 1]}\"");
                }

                if (unsupportedHex is { } hex)
                {
                    pitfalls.Add($"\"{token}\": OpenSSL has no protocol 0x{hex:x4}; the server ignores this bound silently and the client logs \"error setting {(isFloor ? "minimum" : "maximum")} TLS version\"");
                }

                if (isFloor)
                {
                    floor = bound;
                }
                else
                {
                    ceiling = bound;
                }

                continue;
            }

            var negated = token.StartsWith('!');
            var name = negated ? token[1..] : token;
            if (!PostfixProtocolNames.TryParse(name, out var protocol))
            {
                return Invalid(list, token);
            }

            switch (NameStatus(protocol, postfix, openSsl))
            {
                case Status.Unknown:
                    return Invalid(list, token);
                case Status.NoEffect:
                    pitfalls.Add($"\"{token}\" has no effect with Postfix {postfix} and OpenSSL {openSsl}");
                    break;
                case Status.Real when negated:
                    exclude.Add(protocol);
                    break;
                case Status.Real:
                    include.Add(protocol);
                    break;
            }
        }

        var known = Enum.GetValues<PostfixProtocol>().Where(p => NameStatus(p, postfix, openSsl) == Status.Real).ToHashSet();
        var disabled = new HashSet<PostfixProtocol>(exclude);
        if (include.Count > 0)
        {
            disabled.UnionWith(known.Except(include));
        }

        var enabled = Enum.GetValues<PostfixProtocol>()
            .Where(p => SpokenBy(p, openSsl) && !disabled.Contains(p)
                && (floor is null || p >= floor) && (ceiling is null || p <= ceiling))
            .ToList();
        return new ProtocolListResult
        {
            List = list,
            Disabled = disabled,
            Floor = floor,
            Ceiling = ceiling,
            ServerAccepts = enabled,
            ClientOffers = ContiguousFromLowest(enabled),
            Pitfalls = pitfalls,
        };
    }

    private enum Status
    {
        Unknown,
        NoEffect,
        Real,
    }

    private static Status NameStatus(PostfixProtocol protocol, PostfixVersion postfix, Version openSsl)
    {
        var v3 = postfix.Major >= 3;
        switch (protocol)
        {
            case PostfixProtocol.SslV2:
                // OpenSSL 1.1.0 removed SSLv2 and its name; Postfix 3.x then maps the name to no bit.
                return v3 && openSsl >= OpenSsl110 ? Status.NoEffect : Status.Real;
            case PostfixProtocol.SslV3:
            case PostfixProtocol.Tls10:
                return Status.Real;
            case PostfixProtocol.Tls11:
            case PostfixProtocol.Tls12:
                if (v3)
                {
                    return openSsl >= OpenSsl101 ? Status.Real : Status.NoEffect;
                }

                return PostfixReleases.HasTls12Era(postfix) && openSsl >= OpenSsl101 ? Status.Real : Status.Unknown;
            case PostfixProtocol.Tls13:
                if (!v3)
                {
                    return Status.Unknown;
                }

                // Before 3.4 (and its backports) the name was accepted but mapped to no bit.
                return PostfixReleases.HasRealTls13Bit(postfix) && openSsl >= OpenSsl111 ? Status.Real : Status.NoEffect;
            default:
                throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol");
        }
    }

    private static bool SpokenBy(PostfixProtocol protocol, Version openSsl) => protocol switch
    {
        PostfixProtocol.SslV2 => openSsl < OpenSsl110,
        PostfixProtocol.SslV3 => openSsl < OpenSsl300,
        PostfixProtocol.Tls10 => true,
        PostfixProtocol.Tls11 or PostfixProtocol.Tls12 => openSsl >= OpenSsl101,
        PostfixProtocol.Tls13 => openSsl >= OpenSsl111,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
    };

    /// <summary>
    /// parse_tls_version(): a name from tls_version_table (no SSLv2 there), else hexadecimal that must
    /// consume the whole text; an empty text is 0, meaning no bound.
    /// </summary>
    private static bool TryParseBound(string text, out PostfixProtocol? bound, out int? unsupportedHex)
    {
        bound = null;
        unsupportedHex = null;
        if (string.Equals(text, "None", StringComparison.OrdinalIgnoreCase) || text.Length == 0)
        {
            return true;
        }

        if (PostfixProtocolNames.TryParse(text, out var named))
        {
            if (named == PostfixProtocol.SslV2)
            {
                return false;
            }

            bound = named;
            return true;
        }

        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length == 0 || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return false;
        }

        switch (value)
        {
            case 0:
                return true;
            case >= 0x0300 and <= 0x0304:
                bound = (PostfixProtocol)((int)PostfixProtocol.SslV3 + (value - 0x0300));
                return true;
            default:
                unsupportedHex = value;
                return true;
        }
    }

    private static List<PostfixProtocol> ContiguousFromLowest(List<PostfixProtocol> enabled)
    {
        var run = new List<PostfixProtocol>();
        foreach (var p in enabled)
        {
            if (run.Count > 0 && p != run[^1] + 1)
            {
                break;
            }

            run.Add(p);
        }

        return run;
    }

    private static ProtocolListResult Invalid(string list, string token) => new() { List = list, InvalidToken = token };
}
