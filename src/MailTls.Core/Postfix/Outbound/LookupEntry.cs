using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix.Outbound;

/// <summary>One table entry.</summary>
/// <param name="Key">The key, folded to lower case.</param>
/// <param name="Value">The value as written.</param>
/// <param name="Location">Where it is written.</param>
public sealed record LookupEntry(string Key, string Value, SourceLocation Location)
{
    /// <summary>The entry as a table line.</summary>
    public string Text => $"{Key} {Value}";
}
