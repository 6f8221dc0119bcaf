using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MailTls.Collectors.Logs;

namespace MailTls.Cli.Commands;

/// <summary>The options of <c>mailtls doctor</c> beyond the Postfix ones: every discovered input can be overridden.</summary>
internal sealed class DoctorOptions
{
    public PostfixOptions Postfix { get; } = new();

    public Option<string[]> Logs { get; } = new("--logs")
    {
        Description = "Log files or directories to read instead of the discovered ones (repeatable); - for standard input",
        HelpName = "PATH",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<TimeSpan?> Since { get; } = new("--since")
    {
        Description = "How far back to read the logs, e.g. 24h, 7d or all (default: 7d for discovered logs, all of files given with --logs)",
        HelpName = "DURATION",
        CustomParser = ParseWindow,
    };

    public Option<string[]> Host { get; } = new("--host")
    {
        Description = "The server's MX host name for DANE checks (default: myhostname); repeatable",
        HelpName = "NAME",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Domain { get; } = new("--domain")
    {
        Description = "A mail domain for MX and MTA-STS checks (default: mydomain, mydestination, virtual domains); repeatable",
        HelpName = "NAME",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<int[]> Port { get; } = new("--port")
    {
        Description = "Probe these local ports instead of the master.cf services (465 is TLS on connect); repeatable",
        HelpName = "PORT",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<int> MxPort { get; } = new("--mx-port")
    {
        Description = "The port other mail servers deliver to; the smtpd services on it are judged by what senders offer",
        HelpName = "PORT",
        DefaultValueFactory = _ => 25,
    };

    public Option<string> Address { get; } = new("--address")
    {
        Description = "The local address to probe services on",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public Option<bool> Offline { get; } = new("--offline")
    {
        Description = "No network at all: no DNS lookups and no probe; the report says what was skipped",
    };

    public Option<FileInfo?> Tlsa { get; } = new("--tlsa")
    {
        Description = "Zone-file lines with the published TLSA records (_25._tcp.HOST. IN TLSA ...), compared with the server's certificate without DNS",
        HelpName = "FILE",
    };

    public Option<FileInfo?> Cert { get; } = new("--cert")
    {
        Description = "The server certificate (PEM, chain after it) that --tlsa is compared with (default: Sendmail's confSERVER_CERT)",
        HelpName = "FILE",
    };

    public Option<string> SuffixList { get; } = new("--suffix-list")
    {
        Description = "The Public Suffix List used to name organisations",
        DefaultValueFactory = _ => PublicSuffixListLoader.DebianPath,
    };

    public void AddTo(Command command)
    {
        Postfix.AddTo(command);
        command.Options.Add(Logs);
        command.Options.Add(Since);
        command.Options.Add(Host);
        command.Options.Add(Domain);
        command.Options.Add(Port);
        command.Options.Add(MxPort);
        command.Options.Add(Address);
        command.Options.Add(Offline);
        command.Options.Add(Tlsa);
        command.Options.Add(Cert);
        command.Options.Add(SuffixList);
        MxPort.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                result.AddError("--mx-port takes a number from 1 to 65535");
            }
        });
        Address.Validators.Add(result =>
        {
            if (!System.Net.IPAddress.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError("--address takes an IP address such as 127.0.0.1 or ::1");
            }
        });
        Port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int[]>()?.Any(p => p is < 1 or > 65535) == true)
            {
                result.AddError("--port takes numbers from 1 to 65535");
            }
        });
    }

    /// <summary>A window such as <c>30m</c>, <c>24h</c>, <c>7d</c>; <c>all</c> is <see cref="TimeSpan.MaxValue"/>.</summary>
    private static TimeSpan? ParseWindow(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : string.Empty;
        if (string.Equals(text, "all", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.MaxValue;
        }

        if (text.Length >= 2 && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (char.ToLowerInvariant(text[^1]))
            {
                case 'm':
                    return TimeSpan.FromMinutes(amount);
                case 'h':
                    return TimeSpan.FromHours(amount);
                case 'd':
                    return TimeSpan.FromDays(amount);
            }
        }

        result.AddError($"--since takes a duration such as 30m, 24h or 7d, or all; not '{text}'");
        return null;
    }
}
