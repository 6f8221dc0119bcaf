using MailTls.Diagnosis;

namespace MailTls.Cli.Rendering;

/// <summary>
/// Sends a finished report where the global options ask (terminal or JSON, plus HTML) and turns
/// it into the exit code that <c>--fail-on</c> calls for.
/// </summary>
internal static class ReportEmitter
{
    public static async Task<int> EmitAsync(Report report, GlobalSettings settings, CliHost host)
    {
        if (settings.Json)
        {
            await JsonReportWriter.WriteAsync(report, host.Out);
        }
        else
        {
            TerminalReportRenderer.Render(report, host.CreateConsole(settings.NoColor));
        }

        if (settings.HtmlPath is { } html)
        {
            await HtmlReportWriter.WriteAsync(report, html);
        }

        return (int)ExitCodeFor(report, settings);
    }

    /// <summary>1 when a finding is at or above <c>--fail-on</c>, else 0.</summary>
    public static ExitCode ExitCodeFor(Report report, GlobalSettings settings) =>
        report.HighestSeverity is { } highest && highest >= settings.FailOn
            ? ExitCode.FindingsAtOrAboveThreshold
            : ExitCode.Clean;
}
