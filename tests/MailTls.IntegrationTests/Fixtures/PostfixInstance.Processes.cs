using System.Diagnostics;
using System.Globalization;

namespace MailTls.IntegrationTests.Fixtures;

/// Stopping, and finding the processes that belong to an instance.
internal sealed partial class PostfixInstance
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(10);

    /// The master daemon's PID from queue_directory/pid/master.pid, if the file exists.
    public int? ReadMasterPid()
    {
        var path = Path.Combine(QueueDirectory, "pid", "master.pid");
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// Live processes of this instance (master, postlogd, smtpd, qmgr, and postfix commands
    /// run against it). Valid after disposal too, to prove nothing was left behind.
    public IReadOnlyList<int> FindProcesses() => FindProcessesUsing(ConfigDirectory);

    /// Live processes whose environment has MAIL_CONFIG=<paramref name="configDirectory"/>, or
    /// whose command line names it. Zombies are not counted: they hold no resources.
    public static IReadOnlyList<int> FindProcessesUsing(string configDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(configDirectory);
        var marker = "MAIL_CONFIG=" + configDirectory;
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(directory, "environ")).Split('\0');
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var state = File.ReadAllText(Path.Combine(directory, "stat"));
                var isZombie = state.AsSpan(state.LastIndexOf(')') + 2).StartsWith("Z", StringComparison.Ordinal);
                if (!isZombie && (environment.Contains(marker, StringComparer.Ordinal) || commandLine.Contains(configDirectory, StringComparer.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked.
            }
        }

        return found;
    }

    /// "postfix stop", then waits for every process of the instance to exit; survivors are
    /// killed and recorded in <see cref="ProcessesKilledOnDispose"/>.
    private async Task StopAsync()
    {
        if (ReadMasterPid() is { } masterPid && IsAlive(masterPid))
        {
            try
            {
                await PostfixCommandAsync("stop");
            }
            catch (TimeoutException)
            {
                // Fall through to the kill below; the leftovers get recorded.
            }
        }

        if (await WaitForNoProcessesAsync(ExitDeadline))
        {
            return;
        }

        var survivors = FindProcesses();
        foreach (var pid in survivors)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        ProcessesKilledOnDispose = [.. ProcessesKilledOnDispose, .. survivors];
        await WaitForNoProcessesAsync(ExitDeadline);
    }

    private async Task<bool> WaitForNoProcessesAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (FindProcesses().Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return true;
    }

    private static bool IsAlive(int pid)
    {
        return Directory.Exists(Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture)));
    }
}
