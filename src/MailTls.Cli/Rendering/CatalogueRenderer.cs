using MailTls.Diagnosis.Findings;
using Spectre.Console;

namespace MailTls.Cli.Rendering;

/// <summary>Shows the finding catalogue on the terminal.</summary>
internal static class CatalogueRenderer
{
    public static void RenderList(IEnumerable<FindingDefinition> definitions, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Id", "Severity", "Title");
        foreach (var d in definitions)
        {
            table.AddRow(new Text(d.Id.Value), SeverityStyle.Label(d.DefaultSeverity), new Text(d.Title));
        }

        console.Write(table);
    }

    public static void RenderOne(FindingDefinition definition, IAnsiConsole console)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(new Text("Id"), new Text(definition.Id.Value));
        grid.AddRow(new Text("Severity"), SeverityStyle.Label(definition.DefaultSeverity));
        grid.AddRow(new Text("Title"), new Text(definition.Title));
        grid.AddRow(new Text("Documentation"), new Text(definition.Id.DocumentationLink));
        foreach (var reference in definition.References)
        {
            grid.AddRow(new Text("Reference"), new Text(reference));
        }

        console.Write(grid);
    }
}
