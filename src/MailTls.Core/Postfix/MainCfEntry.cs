using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix;

/// <summary>One <c>name = value</c> definition in main.cf.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Value">The value as written (unexpanded), continuation lines joined by one space.</param>
/// <param name="Location">Where the definition starts.</param>
public sealed record MainCfEntry(string Name, string Value, SourceLocation Location)
{
    /// <summary>The definition as postconf prints it.</summary>
    public string Text => $"{Name} = {Value}";
}
