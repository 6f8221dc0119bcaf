using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix;

/// <summary>A <c>-o name=value</c> override on a master.cf service line.</summary>
/// <param name="Name">The main.cf parameter overridden for this service.</param>
/// <param name="Value">The value, unexpanded.</param>
/// <param name="Location">The physical line the override is written on.</param>
public sealed record ServiceOverride(string Name, string Value, SourceLocation Location)
{
    /// <summary>The override as written in master.cf.</summary>
    public string Text => $"-o {Name}={Value}";
}
