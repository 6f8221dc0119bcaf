using System.Text.Json;
using MailTls.Diagnosis;

namespace MailTls.Cli.Rendering;

/// <summary>Writes a report as JSON following <c>docs/schema/report.v1.json</c>.</summary>
internal static class JsonReportWriter
{
    public static string Serialize(Report report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.Report);

    public static async Task WriteAsync(Report report, TextWriter output)
    {
        await output.WriteLineAsync(Serialize(report));
        await output.FlushAsync();
    }
}
