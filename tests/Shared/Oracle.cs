using System.Diagnostics;

namespace MailTls.Tests;

/// <summary>Runs a real program (openssl, hash-slinger's tlsa) as an independent oracle. A missing program fails the test.</summary>
internal static class Oracle
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Runs a shell script; a non-zero exit fails the test.</summary>
    public static string Shell(string script, string workingDirectory)
    {
        var (exitCode, stdout, stderr) = Run("/bin/sh", ["-ec", script], workingDirectory);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"oracle failed ({exitCode}): {script}\n{stderr}");
        }

        return stdout;
    }

    /// <summary>Runs a program to its end within the deadline; a hung oracle fails the test instead of hanging it.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Deadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {Deadline}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
