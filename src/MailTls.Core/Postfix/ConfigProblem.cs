using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix;

/// <summary>
/// Something wrong with a configuration file that Postfix itself would warn about or refuse.
/// </summary>
/// <param name="Location">Where it is; null when it concerns a value rather than a line.</param>
/// <param name="Message">What is wrong, worded after Postfix's own message where it has one.</param>
public sealed record ConfigProblem(SourceLocation? Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Location is null ? Message : $"{Location}: {Message}";
}
