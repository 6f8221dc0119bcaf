using MailTls.Cli;
using Spectre.Console;

namespace MailTls.IntegrationTests;

/// <summary>Runs the real mailtls command line in-process, with a deadline, capturing every output.</summary>
internal static class InProcessCli
{
    public static Task<(int ExitCode, string Stdout, string Stderr, string Terminal)> RunAsync(params string[] args) =>
        RunAsync(host => host, args);

    /// <summary>Runs with a host changed by the test, e.g. to reach a test HTTPS server through internal knobs.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr, string Terminal)> RunAsync(Func<CliHost, CliHost> configure, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var terminal = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(terminal),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        var host = configure(new CliHost(_ => console, stdout, stderr, TimeProvider.System));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exit = await MailTlsApp.RunAsync(args, host, deadline.Token);
        return (exit, stdout.ToString(), stderr.ToString(), terminal.ToString());
    }
}
