using MailTls.Cli;
using Spectre.Console;

namespace MailTls.Tests;

/// <summary>
/// One run of the real mailtls command line, in-process, with a deadline: its exit code, stdout,
/// stderr and what the console showed as plain text (no colours or other escape sequences), at
/// the console width (<c>ConsoleWidth</c>) each test project declares in its own part of this type.
/// </summary>
internal sealed partial record CliRun(int ExitCode, string Stdout, string Stderr, string Terminal)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(host => host, args);

    /// <summary>Runs with a host changed by the test, e.g. to reach a test HTTPS server through internal knobs.</summary>
    public static async Task<CliRun> RunAsync(Func<CliHost, CliHost> configure, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(configure);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var terminal = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(terminal),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = ConsoleWidth;
        var host = configure(new CliHost(_ => console, stdout, stderr, TimeProvider.System));
        using var deadline = new CancellationTokenSource(Deadline);
        var exit = await MailTlsApp.RunAsync(args, host, deadline.Token);
        return new CliRun(exit, stdout.ToString(), stderr.ToString(), terminal.ToString());
    }
}
