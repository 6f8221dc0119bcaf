using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailTls.IntegrationTests.Fixtures;

/// A private Postfix instance for one test: its own config, queue and data directories and its
/// own maillog_file under a fresh temp directory, listening on 127.0.0.1 (and [::1]) on a free
/// port, never delivering mail anywhere (every transport is "error").
///
/// Recipe (Debian 12, Postfix 3.7, run as root): write main.cf and master.cf (from
/// /etc/postfix/master.cf.proto, smtp inet line replaced by loopback listeners), turn chroot off
/// with "postconf -F '*/*/chroot = n'", chown data_directory to postfix, then "postfix -c DIR start";
/// "postfix -c DIR stop" on disposal. Startup failures throw with "postfix check" output and the log.
///
/// Processes are recognised by MAIL_CONFIG=ConfigDirectory in /proc/PID/environ: the postfix
/// command exports it and master passes it to every daemon it spawns.
internal sealed partial class PostfixInstance : IAsyncDisposable
{
    private const int MaxStartAttempts = 5;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory;
    private bool _disposed;

    private PostfixInstance(TempDirectory directory, string instanceName, PostfixOptions options)
    {
        _directory = directory;
        InstanceName = instanceName;
        Options = options;
        ConfigDirectory = directory.Combine("config");
        QueueDirectory = directory.Combine("queue");
        DataDirectory = directory.Combine("data");
        LogFilePath = directory.Combine("maillog");
    }

    /// multi_instance_name; also the syslog_name prefix of every log line ("NAME/smtpd[PID]: ...").
    public string InstanceName { get; }

    public PostfixOptions Options { get; }

    public string RootDirectory => _directory.Path;

    public string ConfigDirectory { get; }

    public string QueueDirectory { get; }

    public string DataDirectory { get; }

    /// maillog_file. Written asynchronously by postlogd: use <see cref="WaitForLogAsync"/>.
    public string LogFilePath { get; }

    /// The SMTP port on 127.0.0.1 (and [::1] when <see cref="PostfixOptions.ListenIPv6"/>).
    public int Port { get; private set; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public IPEndPoint? IPv6EndPoint => Options.ListenIPv6 ? new IPEndPoint(IPAddress.IPv6Loopback, Port) : null;

    /// Processes that were still alive after "postfix stop" and had to be killed on disposal;
    /// empty when Postfix shut down cleanly. Each entry is "PID STATE COMMAND LINE".
    public IReadOnlyList<string> ProcessesKilledOnDispose { get; private set; } = [];

    /// Creates, configures and starts an instance serving <paramref name="certificate"/> with
    /// STARTTLS. Retries on a fresh port if another process took the chosen one meanwhile.
    public static async Task<PostfixInstance> StartAsync(TestLeaf certificate, PostfixOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        options ??= new PostfixOptions();
        _ = RequiredTool.Postfix;
        _ = RequiredTool.Postconf;
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "Private Postfix instances must be started as root (master binds ports and drops privileges to the postfix user); run the integration tests as root, as CI does.");
        }

        var directory = TempDirectory.Create("postfix");
        var name = "mailtls-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var instance = new PostfixInstance(directory, name, options);
        try
        {
            await instance.StartWithRetriesAsync(certificate, cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// The whole maillog_file as written so far ("" before the first line).
    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogFilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return string.Empty;
        }
        catch (DirectoryNotFoundException)
        {
            return string.Empty;
        }
    }

    public IReadOnlyList<string> ReadLogLines()
    {
        return ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// Polls the log until a line matches, and returns that line. postlogd writes asynchronously,
    /// so a line can appear well after the SMTP session that caused it has ended.
    public async Task<string> WaitForLogAsync(Func<string, bool> linePredicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(linePredicate);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = ReadLogLines().FirstOrDefault(linePredicate);
            if (match is not null)
            {
                return match;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No matching line in {LogFilePath} within {timeout.TotalSeconds:F1} s. Log so far:\n{ReadLog()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// Runs "postconf -c CONFIG_DIRECTORY ARGS" (e.g. "-n", or "-e" "name = value").
    public Task<ProcessResult> PostconfAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return ProcessRunner.RunAsync(RequiredTool.Postconf, ["-c", ConfigDirectory, .. arguments], CommandTimeout, cancellationToken);
    }

    /// Runs "postfix -c CONFIG_DIRECTORY COMMAND" (check, reload, flush, stop ...).
    public Task<ProcessResult> PostfixCommandAsync(string command, CancellationToken cancellationToken = default)
    {
        return ProcessRunner.RunAsync(RequiredTool.Postfix, ["-c", ConfigDirectory, command], CommandTimeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await StopAsync();
        }
        finally
        {
            _directory.Dispose();
        }
    }

    private async Task StartWithRetriesAsync(TestLeaf certificate, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ConfigDirectory);
        Directory.CreateDirectory(QueueDirectory);
        Directory.CreateDirectory(DataDirectory);
        (await ProcessRunner.RunAsync("chown", ["postfix:", DataDirectory], CommandTimeout, cancellationToken)).EnsureSuccess();

        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.GetOnAll(Options.ListenIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback]);
            await WriteConfigurationAsync(certificate, cancellationToken);
            var start = Options.ResolvConf is { } resolvConf
                ? await ProcessRunner.RunAsync(
                    "unshare",
                    ["--mount", "--propagation", "private", "sh", "-ec", "mount --bind \"$1\" /etc/resolv.conf; exec \"$2\" -c \"$3\" start", "sh", resolvConf, RequiredTool.Postfix, ConfigDirectory],
                    CommandTimeout,
                    cancellationToken)
                : await PostfixCommandAsync("start", cancellationToken);
            if (start.Succeeded)
            {
                await WaitUntilReadyAsync(start, cancellationToken);
                return;
            }

            var log = await ReadLogAfterGraceAsync(cancellationToken);
            var conflict = log.Contains("Address already in use", StringComparison.Ordinal)
                || start.StandardError.Contains("Address already in use", StringComparison.Ordinal);
            if (!conflict || attempt == MaxStartAttempts)
            {
                throw await StartFailureAsync($"\"postfix start\" failed (attempt {attempt})", start, cancellationToken);
            }

            // Someone took the port between FreePort and master's bind: clean up and try another.
            await StopAsync();
            File.Delete(LogFilePath);
        }
    }

    private async Task WaitUntilReadyAsync(ProcessResult start, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Options.StartTimeout;
        var endPoints = new List<IPEndPoint> { EndPoint };
        if (IPv6EndPoint is { } ipv6)
        {
            endPoints.Add(ipv6);
        }

        foreach (var endPoint in endPoints)
        {
            // master -w returns once the listeners are bound, so this normally succeeds at once.
            // One probe per listener: it shows in the log as "connect from ..." and
            // "disconnect from ... quit=1 commands=1" (or, without banner, "lost connection after CONNECT").
            var ready = Options.WaitForBanner
                ? await WaitForBannerAsync(endPoint, deadline, cancellationToken)
                : await FreePort.WaitUntilAcceptingAsync(endPoint, Remaining(deadline), cancellationToken: cancellationToken);
            if (!ready)
            {
                var what = Options.WaitForBanner ? "send a 220 banner" : "accept connections";
                throw await StartFailureAsync($"Postfix started but {endPoint} did not {what} within {Options.StartTimeout.TotalSeconds:F0} s", start, cancellationToken);
            }
        }
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var remaining = deadline - DateTime.UtcNow;
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private static async Task<bool> WaitForBannerAsync(IPEndPoint endPoint, DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var banner = await TryReadBannerAsync(endPoint, deadline, cancellationToken);
            if (banner is not null && banner.StartsWith("220", StringComparison.Ordinal))
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// Connects, reads the greeting and says QUIT, so a broken smtpd (bad key, bad parameter)
    /// fails the fixture instead of the first test that talks to it.
    private static async Task<string?> TryReadBannerAsync(IPEndPoint endPoint, DateTime deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var remaining = deadline - DateTime.UtcNow;
        timeout.CancelAfter(remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1));
        try
        {
            using var client = new TcpClient(endPoint.AddressFamily);
            await client.ConnectAsync(endPoint, timeout.Token);
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var banner = await reader.ReadLineAsync(timeout.Token);
            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), timeout.Token);
            _ = await reader.ReadLineAsync(timeout.Token);
            return banner;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<string> ReadLogAfterGraceAsync(CancellationToken cancellationToken)
    {
        // postlogd may not have flushed the fatal line yet.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        return ReadLog();
    }

    private async Task<Exception> StartFailureAsync(string what, ProcessResult start, CancellationToken cancellationToken)
    {
        var log = await ReadLogAfterGraceAsync(cancellationToken);
        string check;
        try
        {
            check = (await ProcessRunner.RunWithTerminalAsync(RequiredTool.Postfix, ["-c", ConfigDirectory, "check"], CommandTimeout, cancellationToken)).Describe();
        }
        catch (TimeoutException ex)
        {
            check = ex.Message;
        }

        var mainCf = File.Exists(Path.Combine(ConfigDirectory, "main.cf")) ? await File.ReadAllTextAsync(Path.Combine(ConfigDirectory, "main.cf"), cancellationToken) : "(missing)";
        return new InvalidOperationException($"""
            {what}. Instance {InstanceName}, port {Port}, config {ConfigDirectory}.
            === postfix start ===
            {start.Describe()}
            === postfix check (on a pseudo-terminal: postfix prints errors to stderr only on a terminal) ===
            {check}
            === {LogFilePath} ===
            {log}
            === main.cf ===
            {mainCf}
            """);
    }
}
