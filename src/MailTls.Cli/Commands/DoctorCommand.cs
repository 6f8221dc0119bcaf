using System.CommandLine;

namespace MailTls.Cli.Commands;

/// <summary>
/// <c>mailtls doctor</c>: the whole mail server in one run. Discovers the MTA, its configuration,
/// logs, services and names (each printed with where it came from, each overridable), runs the
/// log, configuration, probe and DNS collectors, then the checks and the correlation rules that
/// join evidence about one cause into one finding.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CommandContext context)
    {
        var options = new DoctorOptions();
        var command = new Command("doctor", "Examine the whole mail server: logs, configuration, local services and DNS, with the evidence joined per cause");
        options.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = context.Globals.Read(parsed);
            var run = new DoctorRun(context.Host, settings, options, parsed);
            var report = await run.RunAsync(cancellationToken);
            return await Rendering.ReportEmitter.EmitAsync(report, settings, context.Host);
        });
        return command;
    }
}
