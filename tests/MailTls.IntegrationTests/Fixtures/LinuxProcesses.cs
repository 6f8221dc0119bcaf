using System.Globalization;

namespace MailTls.IntegrationTests.Fixtures;

/// Reads /proc to tell whether processes are alive. Zombies count as gone: in containers whose
/// PID 1 does not reap orphans, a daemonised process that exited (Postfix's master re-parents
/// itself to PID 1) stays a zombie forever, holding no ports, files or memory.
internal static class LinuxProcesses
{
    public static bool IsAlive(int pid)
    {
        var directory = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            return !IsZombie(File.ReadAllText(Path.Combine(directory, "stat")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// Live processes (other than this one) for which <paramref name="match"/> holds, given the
    /// NUL-separated environment and command line.
    public static IReadOnlyList<int> Find(Func<IReadOnlyList<string>, IReadOnlyList<string>, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
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
                if (!IsZombie(File.ReadAllText(Path.Combine(directory, "stat"))) && match(environment, commandLine))
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

    /// The kernel's short name for the process (/proc/PID/comm), or null if it exited.
    public static string? CommandName(int pid)
    {
        try
        {
            return File.ReadAllText(Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "comm")).TrimEnd('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// "PID STATE COMMAND LINE" for failure messages; "PID (gone)" if it exited.
    public static string Describe(int pid)
    {
        var directory = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var state = stat.AsSpan(stat.LastIndexOf(')') + 1).TrimStart()[..1].ToString();
            var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
            return $"{pid} {state} {commandLine}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{pid} (gone)";
        }
    }

    /// /proc/PID/stat is "PID (COMM) STATE ..."; COMM may contain spaces and parentheses.
    private static bool IsZombie(string stat)
    {
        var afterCommand = stat.LastIndexOf(')');
        return afterCommand >= 0 && stat.AsSpan(afterCommand + 1).TrimStart().StartsWith("Z", StringComparison.Ordinal);
    }
}
