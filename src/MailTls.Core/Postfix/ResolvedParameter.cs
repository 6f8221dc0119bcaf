using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix;

/// <summary>A parameter's effective value for one service, with where it came from.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="RawValue">The value as written (or the default), unexpanded.</param>
/// <param name="Value">The value with every <c>$name</c> reference expanded.</param>
/// <param name="Source">Which layer set it.</param>
/// <param name="Location">The main.cf or master.cf line that set it; null for defaults.</param>
/// <param name="Problems">Expansion problems (nesting loops, bad syntax).</param>
public sealed record ResolvedParameter(
    string Name,
    string RawValue,
    string Value,
    ParameterSource Source,
    SourceLocation? Location,
    IReadOnlyList<string> Problems)
{
    /// <summary>Whether the value is Postfix's boolean "yes" (compared case-insensitively, as mail_conf_bool() does).</summary>
    public bool IsYes => string.Equals(Value.Trim(), "yes", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the value is Postfix's boolean "no".</summary>
    public bool IsNo => string.Equals(Value.Trim(), "no", StringComparison.OrdinalIgnoreCase);
}
