using System.Diagnostics;

namespace MailTls.IntegrationTests.Fixtures;

/// A long-running child (a server) whose output is captured while it runs. Its stdin stays
/// open until disposal so tools that stop on EOF keep serving. Dispose kills the whole tree and
/// reaps it.
internal sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly OutputBuffer _stdout = new();
    private readonly OutputBuffer _stderr = new();
    private readonly Task _pumps;

    private BackgroundProcess(Process process, IReadOnlyList<string> arguments)
    {
        _process = process;
        Arguments = arguments;
        _pumps = Task.WhenAll(_stdout.PumpAsync(process.StandardOutput), _stderr.PumpAsync(process.StandardError));
    }

    public IReadOnlyList<string> Arguments { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StandardOutput => _stdout.Snapshot();

    public string StandardError => _stderr.Snapshot();

    public static BackgroundProcess Start(string fileName, IReadOnlyList<string> arguments)
    {
        var process = new Process { StartInfo = ProcessRunner.CreateStartInfo(fileName, arguments) };
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"Could not start {fileName}.");
            }

            return new BackgroundProcess(process, [fileName, .. arguments]);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// Polls stdout until <paramref name="predicate"/> holds; false on timeout or if the process exited first.
    public async Task<bool> WaitForOutputAsync(Func<string, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (predicate(StandardOutput))
            {
                return true;
            }

            if (_process.HasExited)
            {
                // Let the pumps drain what the process wrote before it died.
                await _pumps.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                return predicate(StandardOutput);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }

        return false;
    }

    /// Command line, state and output so far, for failure messages.
    public string Describe()
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : $"running as pid {_process.Id}";
        return $"""
            $ {string.Join(' ', Arguments)}
            {state}
            --- stdout ---
            {StandardOutput}
            --- stderr ---
            {StandardError}
            """;
    }

    public void Dispose()
    {
        ProcessRunner.KillTree(_process);
        _pumps.Wait(TimeSpan.FromSeconds(2));
        _process.Dispose();
    }
}
