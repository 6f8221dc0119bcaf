using Spectre.Console.Testing;

namespace MailTls.Cli.Tests;

/// <summary>Runs the real command line in-process with captured output.</summary>
internal sealed class CliRun
{
    private CliRun(int exitCode, string stdout, string stderr, string terminal)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        Terminal = terminal;
    }

    public int ExitCode { get; }

    public string Stdout { get; }

    public string Stderr { get; }

    /// <summary>What the Spectre console showed (tables, findings).</summary>
    public string Terminal { get; }

    public static CliHost Host(TestConsole console, StringWriter stdout, StringWriter stderr) =>
        new(_ => console, stdout, stderr, TimeProvider.System);

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 220;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await MailTlsApp.RunAsync(args, Host(console, stdout, stderr));
        return new CliRun(exit, stdout.ToString(), stderr.ToString(), console.Output);
    }
}
