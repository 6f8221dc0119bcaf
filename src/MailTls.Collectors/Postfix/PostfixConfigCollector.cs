using MailTls.Collectors.Processes;
using MailTls.Core.Evidence;
using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;

namespace MailTls.Collectors.Postfix;

/// <summary>
/// Reads a Postfix configuration and works out the versions and defaults that give it meaning.
/// Discovery order, each step recorded as the value's origin: the command line, then this
/// machine's <c>postconf</c> and <c>openssl</c>, then a stated assumption. Never writes anything.
/// </summary>
public static class PostfixConfigCollector
{
    /// <summary>Where Postfix keeps its configuration when nothing else says.</summary>
    public const string DefaultConfigDirectory = "/etc/postfix";

    /// <summary>The largest configuration file read; main.cf files are a few kilobytes.</summary>
    public const long MaxConfigFileBytes = 16 << 20;

    /// <summary>The OpenSSL release assumed when neither the user nor the machine says.</summary>
    private const string AssumedOpenSsl = "3.0";

    /// <summary>Collects the configuration.</summary>
    /// <param name="request">What the user specified.</param>
    /// <param name="cancellationToken">Cancels program runs.</param>
    /// <returns>The evidence (null when main.cf itself could not be read) and every failure met on the way.</returns>
    public static async Task<(PostfixEvidence? Evidence, IReadOnlyList<ProbeFailure> Failures)> CollectAsync(
        PostfixConfigRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var failures = new List<ProbeFailure>();
        var (directory, directoryOrigin) = await ConfigDirectoryAsync(request, failures, cancellationToken);

        var mainPath = request.PostconfOutput ?? Path.Combine(directory, "main.cf");
        if (ReadFile(mainPath, failures) is not { } mainText)
        {
            // The failure that explains the missing configuration is the last one recorded.
            return (null, failures);
        }

        var main = MainCfFile.Parse(mainText, mainPath);

        // postconf output collected elsewhere has no master.cf unless a directory was also given.
        var master = request.PostconfOutput is null || request.ConfigDirectory is not null
            ? ReadMaster(directory, failures)
            : null;

        var machineVersion = await MachinePostfixVersionAsync(request, failures, cancellationToken);
        var (version, versionOrigin) = request.Version is { } v ? (v, "command line")
            : machineVersion is { } m ? (m, "postconf -h mail_version (this machine's Postfix)")
            : (PostfixVersion.Newest, $"assumed: the newest release mailtls knows ({PostfixVersion.Newest}); give --postfix-version");
        var (openSslText, openSslOrigin) = request.OpenSsl is { } o ? (o, "command line")
            : await ExternalCommand.MachineOpenSslAsync(request.Timeout, failures, cancellationToken) is { } mo ? (mo, "openssl version (this machine's OpenSSL)")
            : (AssumedOpenSsl, $"assumed: OpenSSL {AssumedOpenSsl}; give --openssl");
        if (!OpenSslVersionText.TryParse(openSslText, out var openSsl) || !OpenSslBuild.TryParseVersion(openSslText, out var build) || build is null)
        {
            throw new ArgumentException($"'{openSslText}' is not an OpenSSL version", nameof(request));
        }

        // Postfix 3.1+ sets security level 0 on its contexts and raises it only for authenticated sessions.
        build = version.AtLeast(3, 1) ? build with { SecurityLevel = 0 } : build;

        IReadOnlyDictionary<string, string> defaults;
        string defaultsOrigin;
        var machineDefaults = machineVersion == version
            ? await MachineDefaultsAsync(request.Timeout, failures, cancellationToken)
            : null;
        if (machineDefaults is not null)
        {
            defaults = machineDefaults;
            defaultsOrigin = $"postconf -d (Postfix {version} on this machine)";
        }
        else
        {
            defaults = PostfixDefaults.For(version, openSsl);
            defaultsOrigin = $"mailtls's table of TLS defaults for Postfix {version}";
        }

        // config_directory is whatever directory Postfix was pointed at (-c, MAIL_CONFIG), not its compiled-in default.
        defaults = new Dictionary<string, string>(defaults, StringComparer.Ordinal) { ["config_directory"] = directory };
        return (new PostfixEvidence
        {
            ConfigDirectory = directory,
            ConfigDirectoryOrigin = directoryOrigin,
            Configuration = new PostfixConfiguration(main, master, defaults),
            Version = version,
            VersionOrigin = versionOrigin,
            OpenSsl = openSsl,
            OpenSslBuild = build,
            OpenSslOrigin = openSslOrigin,
            DefaultsOrigin = defaultsOrigin,
            DefaultsComplete = machineDefaults is not null,
        }, failures);
    }

    private static async Task<(string, string)> ConfigDirectoryAsync(PostfixConfigRequest request, List<ProbeFailure> failures, CancellationToken cancellationToken)
    {
        if (request.ConfigDirectory is { } given)
        {
            return (given, "command line");
        }

        if (request.PostconfOutput is not null)
        {
            return (Path.GetDirectoryName(Path.GetFullPath(request.PostconfOutput)) ?? ".", "directory of the postconf output");
        }

        var (result, failure) = await ExternalCommand.RunAsync("postconf", ["-h", "config_directory"], request.Timeout, cancellationToken: cancellationToken);
        if (result is { ExitCode: 0 } && result.Stdout.Trim() is { Length: > 0 } dir)
        {
            return (dir, "postconf -h config_directory");
        }

        if (failure is not null)
        {
            failures.Add(failure);
        }

        return (DefaultConfigDirectory, "Postfix's default location");
    }

    private static MasterCfFile? ReadMaster(string directory, List<ProbeFailure> failures)
    {
        var path = Path.Combine(directory, "master.cf");
        return ReadFile(path, failures) is { } text ? MasterCfFile.Parse(text, path) : null;
    }

    private static string? ReadFile(string path, List<ProbeFailure> failures)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxConfigFileBytes)
            {
                failures.Add(new ProbeFailure(path, FailureReason.InvalidData, $"the file has {info.Length} bytes, more than the {MaxConfigFileBytes} a configuration file can plausibly have"));
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            failures.Add(new ProbeFailure(path, FailureReason.NotFound, "no such file"));
        }
        catch (UnauthorizedAccessException e)
        {
            failures.Add(new ProbeFailure(path, FailureReason.PermissionDenied, e.Message));
        }
        catch (IOException e)
        {
            failures.Add(new ProbeFailure(path, FailureReason.InvalidData, e.Message));
        }

        return null;
    }

    private static async Task<PostfixVersion?> MachinePostfixVersionAsync(PostfixConfigRequest request, List<ProbeFailure> failures, CancellationToken cancellationToken)
    {
        // mail_version is compiled in, so asking any postconf gives the machine's release.
        var (result, failure) = await ExternalCommand.RunAsync("postconf", ["-d", "-h", "mail_version"], request.Timeout, cancellationToken: cancellationToken);
        if (failure is not null)
        {
            if (request.Version is null)
            {
                failures.Add(failure);
            }

            return null;
        }

        return result is { ExitCode: 0 } && PostfixVersion.TryParse(result.Stdout.Trim(), out var version) ? version : null;
    }

    private static async Task<IReadOnlyDictionary<string, string>?> MachineDefaultsAsync(TimeSpan timeout, List<ProbeFailure> failures, CancellationToken cancellationToken)
    {
        var (result, failure) = await ExternalCommand.RunAsync("postconf", ["-d"], timeout, cancellationToken: cancellationToken);
        if (failure is not null || result is not { ExitCode: 0 })
        {
            failures.Add(failure ?? new ProbeFailure("postconf -d", FailureReason.ToolFailed, result!.Stderr.Trim()));
            return null;
        }

        return MainCfFile.Parse(result.Stdout, "postconf -d").Effective.ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal);
    }
}
