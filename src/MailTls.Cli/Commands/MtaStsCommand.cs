using System.CommandLine;
using System.Globalization;
using MailTls.Cli.Rendering;
using MailTls.Collectors.Dns;
using MailTls.Collectors.MtaSts;
using MailTls.Core.Evidence;
using MailTls.Core.MtaSts;
using MailTls.Diagnosis;

namespace MailTls.Cli.Commands;

/// <summary>
/// <c>mailtls mta-sts DOMAIN</c>: the domain's <c>_mta-sts</c> and <c>_smtp._tls</c> records, its
/// MTA-STS policy fetched as senders fetch it (RFC 8461 section 3.3), and whether the policy covers
/// every MX host. Names are resolved through <c>--dns</c>; each network step has <c>--timeout</c>.
/// </summary>
internal static class MtaStsCommand
{
    public static Command Create(CommandContext context)
    {
        var domain = new Argument<string>("domain") { Description = "The mail domain, e.g. example.com" };
        var command = new Command("mta-sts", "Check a domain's MTA-STS record, policy and MX coverage, and its TLS-RPT record")
        {
            domain,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = context.Globals.Read(parsed);
            var name = parsed.GetValue(domain)!.Trim().TrimEnd('.').ToLowerInvariant();
            if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
            {
                throw new UserFacingException($"'{parsed.GetValue(domain)}' is not a domain name; give the mail domain, e.g. mailtls mta-sts example.com");
            }

            var dns = new DnsCollector(new DnsCollectorOptions { Server = settings.DnsServer, Timeout = settings.Timeout });
            var collector = new MtaStsCollector(dns, context.Host.MtaSts with { Timeout = settings.Timeout });
            var sts = await collector.CollectAsync(name, cancellationToken);

            // A failed lookup is a blind spot, not a verdict; NXDOMAIN and NODATA are answers.
            List<ProbeFailure> failures = [.. new[] { sts.RecordAnswer.Failure, sts.TlsRptAnswer.Failure, sts.Mx?.Mx.Failure }.OfType<ProbeFailure>()];
            var evidence = new EvidenceSet
            {
                MtaSts = [sts],
                SourceFailures = failures,
                CollectedAt = context.Host.Time.GetUtcNow(),
            };
            var report = new Report
            {
                ToolVersion = MailTlsApp.Version,
                Command = "mta-sts",
                GeneratedAt = context.Host.Time.GetUtcNow(),
                Inputs = [.. Inputs(sts)],
                Skipped = [.. Skipped(sts)],
                Findings = Diagnoser.Diagnose(evidence),
            };
            return await ReportEmitter.EmitAsync(report, settings, context.Host);
        });
        return command;
    }

    private static IEnumerable<ReportInput> Inputs(MtaStsEvidence sts)
    {
        yield return new("dns", sts.RecordAnswer.Name + " TXT", $"resolver {sts.RecordAnswer.Server}: {Records(sts.Record.Candidates)}");
        yield return new("dns", sts.TlsRptAnswer.Name + " TXT", $"resolver {sts.TlsRptAnswer.Server}: {Records(sts.TlsRpt.Candidates)}");
        if (sts.Mx is { } mx)
        {
            var hosts = mx.Hosts.Count == 0 ? mx.Kind.ToString() : string.Join(", ", mx.Hosts.Select(h => $"{h.Preference} {h.Exchange}"));
            yield return new("dns", mx.Mx.Name + " MX", $"resolver {mx.Mx.Server}: {hosts}");
        }

        if (sts.Fetch is { } fetch)
        {
            var policy = sts.Policy?.Policy is { } p
                ? string.Create(CultureInfo.InvariantCulture, $"; mode {p.Mode.ToString().ToLowerInvariant()}, max_age {(long)p.MaxAge.TotalSeconds}, mx {string.Join(" ", p.Mx.Select(m => m.Pattern))}")
                : string.Empty;
            yield return new("policy", fetch.Url, $"{fetch.Outcome}: {fetch.Detail}{(fetch.Endpoint is null ? string.Empty : $" from {fetch.Endpoint}")}{policy}");
        }
    }

    private static IEnumerable<string> Skipped(MtaStsEvidence sts)
    {
        if (sts.Record.IsAbsent && sts.RecordAnswer.Succeeded)
        {
            yield return $"MTA-STS policy: {sts.Domain} publishes no v=STSv1 record at {sts.RecordAnswer.Name}, so senders do not look for a policy";
        }

        if (sts.TlsRpt.IsAbsent && sts.TlsRptAnswer.Succeeded)
        {
            yield return $"TLS-RPT: {sts.Domain} publishes no v=TLSRPTv1 record at {sts.TlsRptAnswer.Name}, so senders send no TLS reports";
        }
    }

    private static string Records(IReadOnlyList<string> records) =>
        records.Count == 0 ? "(none)" : string.Join(" | ", records.Select(r => $"\"{Printable(r)}\""));

    /// <summary>TXT data is peer data: control characters are replaced and length is capped before display.</summary>
    private static string Printable(string text)
    {
        const int MaxShown = 200;
        var shown = new string([.. text.Take(MaxShown).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return text.Length > MaxShown ? shown + "..." : shown;
    }
}
