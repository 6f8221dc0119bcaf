using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using MailTls.Core.Net;
using MailTls.Diagnosis.Findings;

namespace MailTls.Cli;

/// <summary>The options every subcommand accepts, declared once on the root command.</summary>
internal sealed class GlobalOptions
{
    /// <summary>The longest network deadline accepted; longer waits only hide a dead peer.</summary>
    private const double MaxTimeoutSeconds = 3600;

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the report as JSON (schema docs/schema/report.v1.json) on standard output",
        Recursive = true,
    };

    public Option<FileInfo?> Html { get; } = new("--html")
    {
        Description = "Also write a self-contained HTML report to FILE",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "No colours in terminal output (also when NO_COLOR is set)",
        Recursive = true,
    };

    public Option<IPEndPoint?> Dns { get; } = new("--dns")
    {
        Description = "Query this DNS server instead of the system resolver",
        HelpName = "SERVER[:PORT]",
        Recursive = true,
        CustomParser = ParseDnsServer,
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Deadline in seconds for each network step",
        HelpName = "SECONDS",
        Recursive = true,
        DefaultValueFactory = _ => 10,
        CustomParser = ParseTimeout,
    };

    public Option<Severity> FailOn { get; } = new("--fail-on")
    {
        Description = "Exit with 1 when a finding is at least this severe: info, warning or critical",
        HelpName = "info|warning|critical",
        Recursive = true,
        DefaultValueFactory = _ => Severity.Warning,
        CustomParser = ParseSeverity,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Json);
        root.Options.Add(Html);
        root.Options.Add(NoColor);
        root.Options.Add(Dns);
        root.Options.Add(Timeout);
        root.Options.Add(FailOn);
    }

    public GlobalSettings Read(ParseResult result) => new(
        result.GetValue(Json),
        result.GetValue(Html),
        result.GetValue(NoColor),
        result.GetValue(Dns),
        TimeSpan.FromSeconds(result.GetValue(Timeout)),
        result.GetValue(FailOn));

    private static double ParseTimeout(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0 && seconds <= MaxTimeoutSeconds)
        {
            return seconds;
        }

        result.AddError(string.Create(
            CultureInfo.InvariantCulture,
            $"--timeout takes seconds, more than 0 and at most {MaxTimeoutSeconds}, not '{text}'"));
        return 0;
    }

    private static Severity ParseSeverity(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        switch (text.ToUpperInvariant())
        {
            case "INFO":
                return Severity.Info;
            case "WARNING":
                return Severity.Warning;
            case "CRITICAL":
                return Severity.Critical;
            default:
                result.AddError($"--fail-on takes info, warning or critical, not '{text}'");
                return Severity.Warning;
        }
    }

    private static IPEndPoint? ParseDnsServer(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DnsServerAddress.TryParse(text, out var endpoint, out var error))
        {
            return endpoint;
        }

        result.AddError($"--dns: {error}");
        return null;
    }
}
