using System.Globalization;
using System.Net;
using System.Text;
using MailTls.Diagnosis;
using MailTls.Diagnosis.Findings;

namespace MailTls.Cli.Rendering;

/// <summary>
/// A self-contained HTML page for a report: the ranked findings first, then the charts (inline
/// SVG), inputs, tables and each finding in detail. Inline styles, no scripts, fonts or links to
/// fetch, so it can be mailed or archived as one file. All report text is HTML-encoded.
/// </summary>
internal static class HtmlReportWriter
{
    private const string StyleSheet = """
        body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1b1b1b}
        h1{font-size:1.5rem}table{border-collapse:collapse;width:100%;margin:1rem 0}
        th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
        .critical{color:#b00020;font-weight:bold}.warning{color:#8a5a00}.info{color:#1a4f9c}
        section.finding{border-left:4px solid #ccc;padding-left:1rem;margin:1.5rem 0}
        section.critical{border-color:#b00020}section.warning{border-color:#e0a000}section.info{border-color:#1a4f9c}
        pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}.dim{color:#666}
        figure.chart{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.3rem}svg text{fill:#1b1b1b}
        """;

    public static string Render(Report report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>mailtls {E(report.Command)} report</title>");
        html.Append(CultureInfo.InvariantCulture, $"<style>{StyleSheet}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>mailtls {E(report.Command)}: {report.Findings.Count} finding(s)</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"dim\">mailtls {E(report.ToolVersion)}, {report.GeneratedAt:u}</p>\n");

        // The ranked findings come first: they are the answer; charts, inputs and tables show how it was reached.
        AppendSummary(html, report.Findings);
        if (report.Charts.Count > 0)
        {
            html.Append("<h2>Charts</h2>\n<div class=\"charts\">\n");
            foreach (var chart in report.Charts)
            {
                SvgChartWriter.Append(html, chart);
            }

            html.Append("</div>\n");
        }

        AppendInputs(html, report);
        foreach (var table in report.Tables)
        {
            AppendTable(html, table);
        }

        var rank = 0;
        foreach (var finding in report.Findings)
        {
            AppendFinding(html, ++rank, finding);
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    public static async Task WriteAsync(Report report, FileInfo path)
    {
        try
        {
            await File.WriteAllTextAsync(path.FullName, Render(report));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"cannot write the HTML report to {path.FullName}: {e.Message}", e);
        }
    }

    private static void AppendInputs(StringBuilder html, Report report)
    {
        if (report.Inputs.Count == 0 && report.Skipped.Count == 0)
        {
            return;
        }

        html.Append("<h2>Inputs</h2><ul>\n");
        foreach (var input in report.Inputs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(input.Kind)}: <code>{E(input.Source)}</code> <span class=\"dim\">({E(input.Origin)})</span></li>\n");
        }

        foreach (var skipped in report.Skipped)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"dim\">skipped: {E(skipped)}</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void AppendTable(StringBuilder html, ReportTable table)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(table.Title)}</h2><table><thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(column)}</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(cell)}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void AppendSummary(StringBuilder html, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            html.Append("<p>No findings: nothing in the evidence points to a TLS problem.</p>\n");
            return;
        }

        html.Append("<table><thead><tr><th>#</th><th>Severity</th><th>Finding</th><th>Title</th><th>Events</th><th>Affects</th></tr></thead><tbody>\n");
        var rank = 0;
        foreach (var f in findings)
        {
            var severity = SeverityStyle.Name(f.Severity);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{++rank}</td><td class=\"{severity}\">{severity}</td><td><a href=\"#f{rank}\">{E(f.Id.Value)}</a></td><td>{E(f.Title)}</td><td>{f.Occurrences}</td><td>{f.Affected.Count}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void AppendFinding(StringBuilder html, int rank, Finding f)
    {
        var severity = SeverityStyle.Name(f.Severity);
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"finding {severity}\" id=\"f{rank}\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{rank}. <span class=\"{severity}\">[{severity}]</span> {E(f.Id.Value)}: {E(f.Title)}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>Cause:</strong> {E(f.Cause)}</p>\n");
        if (f.Affected.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><strong>Affects:</strong> {E(string.Join(", ", f.Affected))}</p>\n");
        }

        if (f.Evidence.Count > 0)
        {
            html.Append("<p><strong>Evidence</strong></p><ul>\n");
            foreach (var e in f.Evidence)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><code>{E(e.Describe())}</code></li>\n");
            }

            html.Append("</ul>\n");
        }

        if (f.Fix is { } fix)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><strong>Fix:</strong> {E(fix.Summary)}</p>\n");
            if (fix.Steps.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<pre>{E(string.Join("\n", fix.Steps))}</pre>\n");
            }

            if (fix.TradeOff is { } tradeOff)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><strong>Trade-off:</strong> {E(tradeOff)}</p>\n");
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"<p class=\"dim\">See: {E(string.Join(", ", f.References))}</p></section>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
