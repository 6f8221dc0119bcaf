using System.Diagnostics;
using System.Globalization;

namespace MailTls.IntegrationTests.Fixtures;

/// Stopping, and finding the processes that belong to an instance.
internal sealed partial class PostfixInstance
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(10);

    /// What the last stop did ("postfix stop" transcript), for failure messages.
    public string StopTranscript { get; private set; } = string.Empty;

    /// The running master daemon's PID, or null. Found through /proc rather than
    /// queue_directory/pid/master.pid: master holds an exclusive flock on that file, and .NET
    /// takes a shared flock whenever it opens a file, so reading it fails while master runs.
    public int? FindMasterPid()
    {
        foreach (var pid in FindProcesses())
        {
            if (LinuxProcesses.CommandName(pid) == "master")
            {
                return pid;
            }
        }

        return null;
    }

    /// Live processes of this instance (master, postlogd, smtpd, qmgr, and postfix commands
    /// run against it). Valid after disposal too, to prove nothing was left behind.
    public IReadOnlyList<int> FindProcesses() => FindProcessesUsing(ConfigDirectory);

    /// Live processes whose environment has MAIL_CONFIG=<paramref name="configDirectory"/>, or
    /// whose command line names it. Zombies are not counted (see <see cref="LinuxProcesses"/>).
    public static IReadOnlyList<int> FindProcessesUsing(string configDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(configDirectory);
        var marker = "MAIL_CONFIG=" + configDirectory;
        return LinuxProcesses.Find((environment, commandLine) =>
            environment.Contains(marker, StringComparer.Ordinal) || commandLine.Contains(configDirectory, StringComparer.Ordinal));
    }

    /// "postfix stop", then waits for every process of the instance to exit; survivors are
    /// killed and recorded in <see cref="ProcessesKilledOnDispose"/>.
    private async Task StopAsync()
    {
        var masterPid = FindMasterPid();
        var transcript = new System.Text.StringBuilder($"master pid: {masterPid?.ToString(CultureInfo.InvariantCulture) ?? "none"}\n");
        if (masterPid is { } master && LinuxProcesses.IsAlive(master))
        {
            try
            {
                transcript.AppendLine((await PostfixCommandAsync("stop")).Describe());
            }
            catch (TimeoutException ex)
            {
                // Fall through to the kill below; the leftovers get recorded.
                transcript.AppendLine(ex.Message);
            }
        }

        StopTranscript = transcript.ToString();

        if (await WaitForNoProcessesAsync(ExitDeadline))
        {
            return;
        }

        var survivors = FindProcesses();
        ProcessesKilledOnDispose = [.. ProcessesKilledOnDispose, .. survivors.Select(LinuxProcesses.Describe)];
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

}
