using MailTls.Diagnosis;

namespace MailTls.Cli.Rendering;

/// <summary>
/// Writes every finding's fix as one shell script to read before running: each block says which
/// finding it answers and what it trades off. mailtls itself never runs any of it.
/// </summary>
internal static class FixScriptWriter
{
    public static async Task WriteAsync(Report report, TextWriter output)
    {
        await output.WriteLineAsync($"# mailtls {report.Command} --fix: review each command before you run it; mailtls applies nothing.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reloads = new List<string>();
        foreach (var finding in report.Findings.Where(f => f.Fix is { Steps.Count: > 0 }))
        {
            var fix = finding.Fix!;
            var fresh = fix.Steps.Where(seen.Add).ToList();
            reloads.AddRange(fresh.Where(IsReload));
            fresh.RemoveAll(IsReload);
            if (fresh.Count == 0)
            {
                continue;
            }

            await output.WriteLineAsync();
            await output.WriteLineAsync($"# {finding.Id} ({finding.Severity.ToString().ToLowerInvariant()}): {OneLine(fix.Summary)}");
            if (fix.TradeOff is { } tradeOff)
            {
                await output.WriteLineAsync($"# trade-off: {OneLine(tradeOff)}");
            }

            foreach (var step in fresh)
            {
                await output.WriteLineAsync(step);
            }
        }

        if (seen.Count == 0)
        {
            await output.WriteLineAsync("# nothing to change");
            return;
        }

        if (reloads.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("# then, once, after all changes:");
            foreach (var reload in reloads)
            {
                await output.WriteLineAsync(reload);
            }
        }
    }

    private static bool IsReload(string step) =>
        step.StartsWith("postfix reload", StringComparison.Ordinal) || step.StartsWith("systemctl reload", StringComparison.Ordinal);

    /// <summary>Keeps a comment on one line even if peer-supplied text carries line breaks.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
