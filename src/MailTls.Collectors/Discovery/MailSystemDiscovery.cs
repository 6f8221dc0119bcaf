using MailTls.Collectors.Processes;

namespace MailTls.Collectors.Discovery;

/// <summary>
/// Finds out what runs on this machine: which MTA (Postfix through <c>postconf</c>, Sendmail and
/// Exim by their configuration files) and where its logs are. Reads only; every answer carries its
/// origin so the report can print it and the user can override it.
/// </summary>
public static class MailSystemDiscovery
{
    /// <summary>The plain log files distributions write mail to, in the order they are tried.</summary>
    public static IReadOnlyList<string> StandardLogFiles { get; } = ["/var/log/mail.log", "/var/log/maillog", "/var/log/exim4/mainlog", "/var/log/exim/main.log"];

    /// <summary>Recognises the MTA.</summary>
    /// <param name="configDirectory">A directory given on the command line; its files decide.</param>
    /// <param name="timeout">How long <c>postconf</c> may take.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The MTA and how it was recognised.</returns>
    public static async Task<(MailSystem System, string Origin)> DetectAsync(string? configDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (configDirectory is not null)
        {
            return FromDirectory(configDirectory) is { } found
                ? found
                : (MailSystem.Unknown, $"no main.cf, sendmail.cf/sendmail.mc or Exim configuration in {configDirectory}");
        }

        var (result, _) = await ExternalCommand.RunAsync("postconf", ["-h", "mail_version"], timeout, cancellationToken: cancellationToken);
        if (result is { ExitCode: 0 })
        {
            return (MailSystem.Postfix, $"postconf -h mail_version: {result.Stdout.Trim()}");
        }

        foreach (var directory in new[] { "/etc/mail", "/etc/exim4", "/etc/exim" })
        {
            if (FromDirectory(directory) is { } found)
            {
                return found;
            }
        }

        return (MailSystem.Unknown, "no postconf on PATH and no /etc/mail/sendmail.cf or /etc/exim4");
    }

    /// <summary>The log files to read: <c>maillog_file</c> when Postfix logs there, else the distributions' standard files (and the last rotation of each).</summary>
    /// <param name="maillogFile">Postfix's <c>maillog_file</c> setting, when set.</param>
    /// <returns>The files that exist, each with why it was chosen.</returns>
    public static IReadOnlyList<DiscoveredSource> LogFiles(DiscoveredSource? maillogFile)
    {
        var result = new List<DiscoveredSource>();
        if (maillogFile is { Value.Length: > 0 } && File.Exists(maillogFile.Value))
        {
            result.Add(maillogFile);
        }

        foreach (var path in StandardLogFiles)
        {
            if (result.Any(r => r.Value == path))
            {
                continue;
            }

            // The previous rotation holds the rest of a recent window; older ones are outside it.
            if (File.Exists(path + ".1"))
            {
                result.Add(new DiscoveredSource(path + ".1", "exists (previous rotation)"));
            }

            if (File.Exists(path))
            {
                result.Add(new DiscoveredSource(path, "exists"));
            }
        }

        return result;
    }

    /// <summary>Whether journald can be asked for mail logs.</summary>
    public static bool JournalAvailable() =>
        Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "journalctl"))) == true;

    /// <summary>Reads the mail facility from journald since a point in time.</summary>
    /// <param name="since">The start of the window.</param>
    /// <param name="timeout">How long journalctl may take.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The lines in <c>short-iso</c> form, or why none could be read.</returns>
    public static async Task<(IReadOnlyList<string> Lines, Core.Evidence.ProbeFailure? Failure)> ReadJournalAsync(DateTimeOffset since, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // SYSLOG_FACILITY=2 is LOG_MAIL: Postfix, Sendmail and Exim all log there.
        var (result, failure) = await ExternalCommand.RunAsync(
            "journalctl",
            ["--no-pager", "-q", "-o", "short-iso", "SYSLOG_FACILITY=2", "--since", since.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC"],
            timeout,
            cancellationToken: cancellationToken);
        if (result is not { ExitCode: 0 })
        {
            return ([], failure ?? new Core.Evidence.ProbeFailure("journalctl", Core.Evidence.FailureReason.ToolFailed, result?.Stderr.Trim() ?? "failed"));
        }

        return (result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), null);
    }

    private static (MailSystem, string)? FromDirectory(string directory)
    {
        if (File.Exists(Path.Combine(directory, "main.cf")))
        {
            return (MailSystem.Postfix, $"main.cf in {directory}");
        }

        foreach (var name in new[] { "sendmail.cf", "sendmail.mc", "submit.cf" })
        {
            if (File.Exists(Path.Combine(directory, name)))
            {
                return (MailSystem.Sendmail, $"{name} in {directory}");
            }
        }

        foreach (var name in new[] { "exim4.conf.template", "exim4.conf", "exim.conf", "update-exim4.conf.conf", "configure" })
        {
            if (File.Exists(Path.Combine(directory, name)))
            {
                return (MailSystem.Exim, $"{name} in {directory}");
            }
        }

        return null;
    }
}
