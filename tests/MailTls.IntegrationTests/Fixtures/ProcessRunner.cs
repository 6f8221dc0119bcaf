using System.Diagnostics;

namespace MailTls.IntegrationTests.Fixtures;

/// Runs a command to completion with a deadline and captured output. Nothing here waits without
/// a deadline: on timeout the whole process tree is killed and a TimeoutException carries the
/// output so far.
internal static class ProcessRunner
{
    /// How long to wait for the output pipes to close after the process exited. A daemon started
    /// by the command (Postfix's master) could inherit them and keep them open forever.
    private static readonly TimeSpan PipeDrainGrace = TimeSpan.FromSeconds(2);

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var startInfo = CreateStartInfo(fileName, arguments);
        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }

        // The command never gets input: EOF on stdin keeps interactive tools from waiting on it.
        process.StandardInput.Close();
        var stdout = new OutputBuffer();
        var stderr = new OutputBuffer();
        var pumps = Task.WhenAll(stdout.PumpAsync(process.StandardOutput), stderr.PumpAsync(process.StandardError));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Without BeginOutputReadLine this waits for the exit only, not for pipe EOF.
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            KillTree(process);
            var partial = new ProcessResult(fileName, arguments, -1, stdout.Snapshot(), stderr.Snapshot(), stopwatch.Elapsed);
            throw new TimeoutException($"Command did not finish within {timeout.TotalSeconds:F0} s and was killed: {partial.Describe()}");
        }

        try
        {
            await pumps.WaitAsync(PipeDrainGrace, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A daemonised child holds the pipes; what was written so far is all we report.
        }

        return new ProcessResult(fileName, arguments, process.ExitCode, stdout.Snapshot(), stderr.Snapshot(), stopwatch.Elapsed);
    }

    /// Runs the command on a pseudo-terminal through script(1) (util-linux, Debian package
    /// bsdutils). Postfix commands print their fatal errors to stderr only when stderr is a
    /// terminal; on a pipe the message goes nowhere before the log is set up. The transcript
    /// (stdout and stderr merged) is in <see cref="ProcessResult.StandardOutput"/>.
    public static async Task<ProcessResult> RunWithTerminalAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var commandLine = string.Join(' ', arguments.Prepend(fileName).Select(ShellQuote));
        var script = RequiredTool.Locate("script", "bsdutils");
        var result = await RunAsync(script, ["-qec", commandLine, "/dev/null"], timeout, cancellationToken);
        return result with
        {
            FileName = fileName,
            Arguments = arguments,
            StandardOutput = result.StandardOutput.Replace("\r\n", "\n", StringComparison.Ordinal),
        };
    }

    public static string ShellQuote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    public static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// Kills the process and its descendants and reaps it, waiting at most a few seconds.
    public static void KillTree(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        process.WaitForExit(TimeSpan.FromSeconds(5));
    }
}
