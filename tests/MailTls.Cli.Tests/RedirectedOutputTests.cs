using System.Diagnostics;
using MailTls.Cli;
using MailTls.Tests;
using Xunit;

namespace MailTls.Cli.Tests;

/// <summary>The terminal report written to a file or pipe, as with <c>mailtls doctor &gt; report.txt</c> or <c>| less</c>.</summary>
public class RedirectedOutputTests
{
    [Theory]
    [InlineData(null, 120)]
    [InlineData("100", 100)]
    [InlineData("", 120)]
    [InlineData("abc", 120)]
    [InlineData("10", 120)]
    [InlineData("-5", 120)]
    [InlineData("99999999999", 120)]
    public void RedirectedWidth_TakesSaneColumnsElse120(string? columns, int expected) =>
        Assert.Equal(expected, CliHost.RedirectedWidth(columns));

    [Theory]
    [InlineData(null, 120)]
    [InlineData("100", 100)]
    public async Task Doctor_OutputToAPipe_KeepsFindingIdsWholeWithinTheWidth(string? columns, int width)
    {
        // Given the bundled scenario-1 server, and mailtls run as a real process whose output is a pipe
        var example = RepositoryFiles.Path("examples/scenario-1-gmail-tls12-only");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "mailtls.dll"), "doctor", "--offline", "--no-color", "--config-dir", example, "--logs", Path.Combine(example, "mail.log")])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("COLUMNS");
        if (columns is not null)
        {
            start.Environment["COLUMNS"] = columns;
        }

        // When doctor writes its report
        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string stdout;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            stdout = await process.StandardOutput.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            await stderr;
        }
        finally
        {
            // A hung run fails the test without leaving the process behind.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        // Then the summary row names the finding id unbroken, and no line is wider than the width
        var lines = stdout.Split('\n');
        Assert.Contains(lines, line => line.Contains("│ inbound-protocol-floor", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= width, $"{line.Length} > {width}: {line}"));
        Assert.Contains(lines, line => line.Length > 80);
    }
}
