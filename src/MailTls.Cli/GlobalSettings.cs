using System.Net;
using MailTls.Diagnosis.Findings;

namespace MailTls.Cli;

/// <summary>The global options as every command sees them, already validated.</summary>
/// <param name="Json">Write the report as JSON on standard output.</param>
/// <param name="HtmlPath">Also write a self-contained HTML report to this file.</param>
/// <param name="NoColor">No colours on the terminal.</param>
/// <param name="DnsServer">The resolver to query instead of /etc/resolv.conf's.</param>
/// <param name="Timeout">The deadline for each network step.</param>
/// <param name="FailOn">The lowest severity that makes the exit code 1.</param>
public sealed record GlobalSettings(
    bool Json,
    FileInfo? HtmlPath,
    bool NoColor,
    IPEndPoint? DnsServer,
    TimeSpan Timeout,
    Severity FailOn);
