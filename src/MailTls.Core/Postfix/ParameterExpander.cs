using System.Globalization;
using System.Text;

namespace MailTls.Core.Postfix;

/// <summary>
/// Expands Postfix parameter references as postconf(5) defines them: <c>$name</c>, <c>${name}</c>,
/// <c>$(name)</c>, <c>${name?value}</c>, <c>${name:value}</c>, <c>${name?{v1}:{v2}}</c>, relational
/// <c>${{a} == {b}?{v1}:{v2}}</c> (==, !=, &lt;, &lt;=, &gt;, &gt;=; numeric when both sides are digits) and
/// <c>$$</c>. Undefined names expand to nothing; nesting deeper than Postfix allows is reported
/// like Postfix's "unreasonable macro call nesting" instead of recursing forever.
/// </summary>
public sealed class ParameterExpander
{
    /// <summary>Postfix's mac_expand() gives up past this nesting depth.</summary>
    public const int MaxNesting = 100;

    /// <summary>
    /// Total characters one expander may produce. References can multiply (<c>a = $b$b</c>,
    /// <c>b = $c$c</c>, ...) without looping, so depth alone does not bound the work.
    /// </summary>
    public const int MaxExpandedCharacters = 1 << 22;

    private long _produced;
    private bool _aborted;

    private readonly Func<string, string?> _lookup;
    private readonly List<string> _problems = [];
    private readonly SortedSet<string> _undefined = new(StringComparer.Ordinal);

    /// <summary>Creates an expander over a parameter lookup.</summary>
    /// <param name="lookup">Returns a parameter's raw (unexpanded) value, or null when it is not defined.</param>
    public ParameterExpander(Func<string, string?> lookup)
    {
        _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));
    }

    /// <summary>Problems met so far: nesting too deep, unmatched braces, bad syntax.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Names referenced but not defined anywhere, which expanded to nothing.</summary>
    public IReadOnlyCollection<string> Undefined => _undefined;

    /// <summary>Expands every reference in a value.</summary>
    /// <param name="value">A raw value.</param>
    /// <returns>The expanded value.</returns>
    public string Expand(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Expand(value, 0);
    }

    private string Expand(string text, int depth)
    {
        if (_aborted)
        {
            return string.Empty;
        }

        // Conditionals nest without naming a parameter, so the depth bound lives here as well as in Reference.
        if (depth > MaxNesting)
        {
            Abort("unreasonable macro call nesting in a conditional expression");
            return string.Empty;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                result.Append(c);
                i++;
                continue;
            }

            var next = text[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i += 2;
            }
            else if (next is '{' or '(')
            {
                var close = FindClose(text, i + 1);
                if (close < 0)
                {
                    _problems.Add($"unmatched '{next}' in \"{text}\"");
                    result.Append(text, i, text.Length - i);
                    break;
                }

                result.Append(ExpandBraced(text[(i + 2)..close], depth));
                i = close + 1;
            }
            else if (IsNameChar(next))
            {
                var end = i + 1;
                while (end < text.Length && IsNameChar(text[end]))
                {
                    end++;
                }

                result.Append(Reference(text[(i + 1)..end], depth));
                i = end;
            }
            else
            {
                // A '$' before anything else is kept as written.
                result.Append(c);
                i++;
            }
        }

        _produced += result.Length;
        if (_produced > MaxExpandedCharacters)
        {
            Abort($"expansion produces more than {MaxExpandedCharacters} characters");
            return string.Empty;
        }

        return result.ToString();
    }

    private void Abort(string problem)
    {
        if (!_aborted)
        {
            _aborted = true;
            _problems.Add(problem);
        }
    }

    private string ExpandBraced(string inner, int depth)
    {
        var body = inner.TrimStart();
        bool condition;
        string rest;
        if (body.StartsWith('{'))
        {
            if (!TryRelational(body, depth, out condition, out rest))
            {
                _problems.Add($"bad relational expression \"${{{inner}}}\"");
                return string.Empty;
            }
        }
        else
        {
            var nameEnd = 0;
            while (nameEnd < body.Length && IsNameChar(body[nameEnd]))
            {
                nameEnd++;
            }

            var name = body[..nameEnd];
            rest = body[nameEnd..].TrimStart();
            if (name.Length == 0)
            {
                _problems.Add($"bad parameter reference \"${{{inner}}}\"");
                return string.Empty;
            }

            if (rest.Length == 0)
            {
                return Reference(name, depth);
            }

            // Conditionals test the raw value: "${name?x}" is x whenever name is set to anything.
            condition = !string.IsNullOrEmpty(Lookup(name));
        }

        if (rest.Length == 0)
        {
            _problems.Add($"relational expression without '?' or ':' in \"${{{inner}}}\"");
            return string.Empty;
        }

        var tail = rest[1..].Trim();
        if (rest[0] == ':')
        {
            return condition ? string.Empty : Expand(Unbrace(tail), depth + 1);
        }

        if (rest[0] != '?')
        {
            _problems.Add($"expected '?' or ':' in \"${{{inner}}}\"");
            return string.Empty;
        }

        if (!tail.StartsWith('{'))
        {
            return condition ? Expand(tail, depth + 1) : string.Empty;
        }

        var close = FindClose(tail, 0);
        if (close < 0)
        {
            _problems.Add($"unmatched '{{' in \"${{{inner}}}\"");
            return string.Empty;
        }

        var whenTrue = tail[1..close];
        var after = tail[(close + 1)..].Trim();
        if (after.Length == 0)
        {
            return condition ? Expand(whenTrue, depth + 1) : string.Empty;
        }

        if (after[0] != ':')
        {
            _problems.Add($"expected ':' after '{{...}}' in \"${{{inner}}}\"");
            return string.Empty;
        }

        return condition ? Expand(whenTrue, depth + 1) : Expand(Unbrace(after[1..].Trim()), depth + 1);
    }

    private bool TryRelational(string body, int depth, out bool condition, out string rest)
    {
        condition = false;
        rest = string.Empty;
        var leftClose = FindClose(body, 0);
        if (leftClose < 0)
        {
            return false;
        }

        var left = Expand(body[1..leftClose].Trim(), depth + 1);
        var afterLeft = body[(leftClose + 1)..].TrimStart();
        string op = afterLeft.StartsWith("==", StringComparison.Ordinal) ? "=="
            : afterLeft.StartsWith("!=", StringComparison.Ordinal) ? "!="
            : afterLeft.StartsWith("<=", StringComparison.Ordinal) ? "<="
            : afterLeft.StartsWith(">=", StringComparison.Ordinal) ? ">="
            : afterLeft.StartsWith('<') ? "<"
            : afterLeft.StartsWith('>') ? ">"
            : string.Empty;
        if (op.Length == 0)
        {
            return false;
        }

        var rightText = afterLeft[op.Length..].TrimStart();
        if (!rightText.StartsWith('{'))
        {
            return false;
        }

        var rightClose = FindClose(rightText, 0);
        if (rightClose < 0)
        {
            return false;
        }

        var right = Expand(rightText[1..rightClose].Trim(), depth + 1);
        rest = rightText[(rightClose + 1)..].TrimStart();
        var order = Compare(left, right);
        condition = op switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
        return true;
    }

    private static int Compare(string left, string right)
    {
        // Numeric when both operands are all digits, otherwise lexicographic (postconf(5)).
        if (left.Length > 0 && right.Length > 0 && left.All(char.IsAsciiDigit) && right.All(char.IsAsciiDigit)
            && decimal.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
            && decimal.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
        {
            return l.CompareTo(r);
        }

        return string.CompareOrdinal(left, right);
    }

    private string Reference(string name, int depth)
    {
        var raw = Lookup(name);
        if (raw is null)
        {
            _undefined.Add(name);
            return string.Empty;
        }

        if (depth >= MaxNesting)
        {
            Abort($"unreasonable macro call nesting: \"{name}\"");
            return string.Empty;
        }

        return Expand(raw, depth + 1);
    }

    private string? Lookup(string name) => _lookup(name);

    private static string Unbrace(string text) =>
        text.Length >= 2 && text[0] == '{' && FindClose(text, 0) == text.Length - 1 ? text[1..^1] : text;

    /// <summary>Finds the bracket closing the one at <paramref name="open"/>, counting nesting.</summary>
    private static int FindClose(string text, int open)
    {
        var opening = text[open];
        var closing = opening == '(' ? ')' : '}';
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == opening)
            {
                depth++;
            }
            else if (text[i] == closing && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
