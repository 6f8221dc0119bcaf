using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using MailTls.Core.Evidence;

namespace MailTls.Collectors.Processes;

/// <summary>
/// Runs a local program (postconf, openssl, journalctl) with a deadline and bounded output. A
/// missing program, a timeout or a crash comes back as a <see cref="ProbeFailure"/>, never as an
/// exception, so one broken tool never aborts a report.
/// </summary>
public static class ExternalCommand
{
    /// <summary>The most characters kept from each output stream.</summary>
    public const int DefaultMaxOutputChars = 8 << 20;

    /// <summary>Runs a program to completion.</summary>
    /// <param name="program">The program, found on PATH when not a path.</param>
    /// <param name="arguments">Its arguments, passed without a shell.</param>
    /// <param name="timeout">How long it may run before it is killed.</param>
    /// <param name="maxOutputChars">The most characters kept from each stream; the rest is read and dropped.</param>
    /// <param name="cancellationToken">Stops waiting and kills the program.</param>
    /// <returns>The result, or the failure.</returns>
    public static async Task<(CommandResult? Result, ProbeFailure? Failure)> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        int maxOutputChars = DefaultMaxOutputChars,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var display = arguments.Count == 0 ? program : $"{program} {string.Join(' ', arguments)}";
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return (null, new ProbeFailure(display, FailureReason.NotFound, $"cannot run {program}: {e.Message}"));
        }

        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stdout = ReadBoundedAsync(process.StandardOutput, maxOutputChars);
        var stderr = ReadBoundedAsync(process.StandardError, maxOutputChars);
        try
        {
            await process.WaitForExitAsync(deadline.Token);

            // A daemon the tool started can hold its pipes open after it exits, so the reads share the deadline.
            await Task.WhenAll(stdout, stderr).WaitAsync(deadline.Token);
            var (outText, outCut) = await stdout;
            var (errText, errCut) = await stderr;
            return (new CommandResult(process.ExitCode, outText, errText, outCut || errCut), null);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited just as the deadline fired.
            }

            // Reap it, so a killed tool does not linger as a zombie; the kill makes this quick.
            process.WaitForExit(TimeSpan.FromSeconds(5));
            cancellationToken.ThrowIfCancellationRequested();
            return (null, new ProbeFailure(display, FailureReason.Timeout, $"{program} did not finish within {timeout.TotalSeconds:0.#} s and was stopped"));
        }
    }

    /// <summary>This machine's <c>openssl version</c> line, or null when openssl cannot run or says nothing usable.</summary>
    /// <param name="timeout">How long openssl may take.</param>
    /// <param name="failures">Where a failure to run it is recorded.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The version text, e.g. <c>OpenSSL 3.0.15 3 Sep 2024</c>.</returns>
    public static async Task<string?> MachineOpenSslAsync(TimeSpan timeout, ICollection<ProbeFailure>? failures = null, CancellationToken cancellationToken = default)
    {
        var (result, failure) = await RunAsync("openssl", ["version"], timeout, cancellationToken: cancellationToken);
        if (failure is not null)
        {
            failures?.Add(failure);
            return null;
        }

        return result is { ExitCode: 0 } && Core.OpenSsl.OpenSslVersionText.TryParse(result.Stdout, out _) ? result.Stdout.Trim() : null;
    }

    internal static async Task<(string Text, bool Truncated)> ReadBoundedAsync(StreamReader reader, int maxChars)
    {
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        var truncated = false;
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            var keep = Math.Min(read, maxChars - text.Length);
            if (keep > 0)
            {
                text.Append(buffer, 0, keep);
            }

            truncated |= keep < read;
        }

        return (text.ToString(), truncated);
    }
}
