using System.CommandLine;
using MailTls.Cli.Rendering;
using MailTls.Diagnosis.Findings;

namespace MailTls.Cli.Commands;

/// <summary><c>mailtls explain [ID]</c>: the finding catalogue, or one finding's documentation.</summary>
internal static class ExplainCommand
{
    public static Command Create(CommandContext context)
    {
        var id = new Argument<string?>("id")
        {
            Description = "A finding id such as source-unavailable; omit it to list every id",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("explain", "List the findings mailtls can raise, or explain one")
        {
            id,
        };
        command.SetAction(parsed =>
        {
            var settings = context.Globals.Read(parsed);
            var console = context.Host.CreateConsole(settings.NoColor);
            var wanted = parsed.GetValue(id);
            if (wanted is null)
            {
                CatalogueRenderer.RenderList(FindingCatalogue.All, console);
                return (int)ExitCode.Clean;
            }

            var definition = FindingCatalogue.Find(wanted)
                ?? throw new UserFacingException($"no finding has the id '{wanted}'; 'mailtls explain' lists them all");
            CatalogueRenderer.RenderOne(definition, console);
            return (int)ExitCode.Clean;
        });
        return command;
    }
}
