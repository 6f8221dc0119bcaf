using MailTls.Diagnosis.Findings;
using Spectre.Console;

namespace MailTls.Cli.Rendering;

/// <summary>One colour per severity, used by every terminal view.</summary>
internal static class SeverityStyle
{
    public static Style For(Severity severity) => severity switch
    {
        Severity.Critical => new Style(Color.Red, decoration: Decoration.Bold),
        Severity.Warning => new Style(Color.Yellow),
        Severity.Info => new Style(Color.Blue),
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unknown severity"),
    };

    public static string Name(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.Warning => "warning",
        Severity.Info => "info",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unknown severity"),
    };

    public static Text Label(Severity severity) => new(Name(severity), For(severity));
}
