using System.Diagnostics;

namespace MailTls.Core.Tests.Dns;

/// <summary>Runs a real program (openssl, hash-slinger's tlsa) as an independent oracle. A missing program fails the test.</summary>
internal static class Oracle
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static string Shell(string script, string workingDirectory)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("-ec");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /bin/sh");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Deadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"oracle did not finish within {Deadline}: {script}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"oracle failed ({process.ExitCode}): {script}\n{stderr.Result}");
        }

        return stdout.Result;
    }
}
