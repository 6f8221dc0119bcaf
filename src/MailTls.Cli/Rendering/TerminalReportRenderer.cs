using System.Globalization;
using MailTls.Diagnosis;
using MailTls.Diagnosis.Findings;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MailTls.Cli.Rendering;

/// <summary>
/// The terminal view of a report: a ranked summary table first, then each finding with its
/// evidence and fix. Every piece of peer- or file-supplied text goes through <see cref="Text"/>,
/// never through markup, so a hostile log line cannot restyle or break the output.
/// </summary>
internal static class TerminalReportRenderer
{
    public static void Render(Report report, IAnsiConsole console)
    {
        console.Write(Heading(report));
        console.WriteLine();

        // The ranked one-line summary comes first: it is the answer; the rest is how it was reached.
        if (report.Findings.Count > 0)
        {
            console.Write(SummaryTable(report.Findings));
        }

        foreach (var input in report.Inputs)
        {
            console.Write(new Text($"  {input.Kind}: {input.Source} ({input.Origin})\n", new Style(decoration: Decoration.Dim)));
        }

        foreach (var skipped in report.Skipped)
        {
            console.Write(new Text($"  skipped: {skipped}\n", new Style(decoration: Decoration.Dim)));
        }

        foreach (var table in report.Tables)
        {
            console.Write(FactTable(table));
        }

        if (report.Findings.Count == 0)
        {
            console.Write(new Text("No findings: nothing in the evidence points to a TLS problem.\n", new Style(Color.Green)));
            return;
        }

        var rank = 0;
        foreach (var finding in report.Findings)
        {
            rank++;
            console.Write(Details(rank, finding));
        }
    }

    private static Text Heading(Report report)
    {
        var counts = string.Join(
            ", ",
            report.Findings.GroupBy(f => f.Severity)
                .OrderByDescending(g => g.Key)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {SeverityStyle.Name(g.Key)}")));
        var text = report.Findings.Count == 0
            ? $"mailtls {report.Command}: no findings"
            : string.Create(CultureInfo.InvariantCulture, $"mailtls {report.Command}: {report.Findings.Count} finding(s) ({counts})");
        return new Text(text, new Style(decoration: Decoration.Bold));
    }

    private static Table FactTable(ReportTable facts)
    {
        // Spectre parses titles as markup; a title naming a peer ("host[192.0.2.1]:25") must stay text.
        var table = new Table().Border(TableBorder.Simple).Title(new TableTitle(Markup.Escape(facts.Title), new Style(decoration: Decoration.Bold)));
        foreach (var column in facts.Columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        foreach (var row in facts.Rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        return table;
    }

    private static Table SummaryTable(IReadOnlyList<Finding> findings)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "Severity", "Finding", "Title", "Events", "Affects");
        var rank = 0;
        foreach (var f in findings)
        {
            rank++;
            table.AddRow(
                new Text(rank.ToString(CultureInfo.InvariantCulture)),
                SeverityStyle.Label(f.Severity),
                new Text(f.Id.Value),
                new Text(f.Title),
                new Text(f.Occurrences.ToString(CultureInfo.InvariantCulture)),
                new Text(f.Affected.Count.ToString(CultureInfo.InvariantCulture)));
        }

        return table;
    }

    private static Rows Details(int rank, Finding finding)
    {
        var parts = new List<IRenderable>
        {
            new Rule().RuleStyle(SeverityStyle.For(finding.Severity)),
            new Text(
                string.Create(CultureInfo.InvariantCulture, $"{rank}. [{SeverityStyle.Name(finding.Severity)}] {finding.Id} — {finding.Title}"),
                SeverityStyle.For(finding.Severity)),
            new Text($"Cause: {finding.Cause}"),
        };
        if (finding.Affected.Count > 0)
        {
            parts.Add(new Text($"Affects: {string.Join(", ", finding.Affected)}"));
        }

        if (finding.Evidence.Count > 0)
        {
            parts.Add(new Text("Evidence:", new Style(decoration: Decoration.Bold)));
            parts.AddRange(finding.Evidence.Select(e => new Text($"  • {e.Describe()}")));
        }

        if (finding.Fix is { } fix)
        {
            parts.Add(new Text($"Fix: {fix.Summary}", new Style(decoration: Decoration.Bold)));
            parts.AddRange(fix.Steps.Select(s => new Text($"    {s}", new Style(Color.Green))));
            if (fix.TradeOff is { } tradeOff)
            {
                parts.Add(new Text($"Trade-off: {tradeOff}", new Style(Color.Yellow)));
            }
        }

        parts.Add(new Text($"See: {string.Join(", ", finding.References)}", new Style(decoration: Decoration.Dim)));
        parts.Add(Text.Empty);
        return new Rows(parts);
    }
}
