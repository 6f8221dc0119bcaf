using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using MailTls.Collectors.Certificates;
using MailTls.Collectors.Discovery;
using MailTls.Collectors.Dns;
using MailTls.Collectors.Logs;
using MailTls.Collectors.Postfix;
using MailTls.Collectors.Smtp;
using MailTls.Core.Certificates;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;
using MailTls.Core.Logs;
using MailTls.Core.MtaSts;
using MailTls.Core.Postfix;
using MailTls.Core.Postfix.Outbound;
using MailTls.Core.Probe;
using MailTls.Diagnosis;
using MailTls.Diagnosis.Checks.Config;

namespace MailTls.Cli.Commands;

/// <summary>
/// One doctor run: the collectors in order, each step announced on standard error, every input
/// recorded with its origin and every step not taken recorded with why.
/// </summary>
internal sealed partial class DoctorRun(CliHost host, GlobalSettings settings, DoctorOptions options, ParseResult parsed)
{
    /// <summary>The window read from discovered logs unless --since says otherwise.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    private readonly List<ReportInput> _inputs = [];
    private readonly List<string> _skipped = [];
    private readonly List<ProbeFailure> _failures = [];
    private readonly List<(string Service, TlsProbeResult Result)> _probeResults = [];
    private readonly List<X509Certificate2> _certificates = [];
    private IReadOnlyList<X509Certificate2> _mxChain = [];

    private bool Offline => parsed.GetValue(options.Offline);

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CollectAsync(cancellationToken);
        }
        finally
        {
            foreach (var certificate in _certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private async Task<Report> CollectAsync(CancellationToken cancellationToken)
    {
        var configDir = parsed.GetValue(options.Postfix.ConfigDir)?.ToString();
        await ProgressAsync("discovering the mail system");
        var (system, systemOrigin) = await MailSystemDiscovery.DetectAsync(configDir, settings.Timeout, cancellationToken);
        _inputs.Add(new ReportInput("mta", system.ToString(), systemOrigin));

        PostfixEvidence? postfix = null;
        IReadOnlyList<CertificateSlot> certificates = [];
        IReadOnlyList<DhParameterFile> dhParameters = [];
        var rootCount = 0;
        IReadOnlyList<LookupTable> policyTables = [];
        if (system is MailSystem.Postfix || (system is MailSystem.Unknown && parsed.GetValue(options.Postfix.PostconfOutput) is not null))
        {
            await ProgressAsync("reading the Postfix configuration");
            (postfix, var configFailures) = await PostfixConfigCollector.CollectAsync(options.Postfix.Request(parsed, settings.Timeout), cancellationToken);
            _failures.AddRange(configFailures);
            if (postfix is not null)
            {
                postfix = postfix with { MxPort = parsed.GetValue(options.MxPort) };
                AddConfigInputs(postfix);
                (certificates, rootCount, var certificateFailures) = ServerCertificateCollector.Collect(postfix);
                _failures.AddRange(certificateFailures);
                dhParameters = ServerCertificateCollector.CollectDhParameters(postfix);
                (policyTables, var policyFailures) = LookupTableCollector.Read(postfix.Configuration.Resolve("smtp_tls_policy_maps"));
                _failures.AddRange(policyFailures);
            }
        }
        else
        {
            _skipped.Add(system is MailSystem.Unknown
                ? "configuration checks: no Postfix configuration found (give --config-dir DIR)"
                : $"configuration checks: {system}'s configuration is not analysed (only Postfix's is); its logs are");
        }

        var (events, cleartext) = await ReadLogsAsync(postfix, cancellationToken);
        var services = Services(postfix);
        if (Offline)
        {
            _skipped.Add($"probe of the local services ({string.Join(", ", services.Select(s => $"{s.Name} port {s.Port}"))}): --offline");
        }
        else
        {
            await ProbeAsync(services, cancellationToken);
        }

        var (hosts, domains) = Names(postfix);
        IReadOnlyList<TlsaEvidence> tlsa = [];
        IReadOnlyList<MtaStsEvidence> mtaSts = [];
        if (Offline)
        {
            _skipped.Add(hosts.Count + domains.Count == 0
                ? "DNS checks (DANE, MTA-STS): --offline"
                : $"DNS checks (DANE for {string.Join(", ", hosts.Select(h => h.Value))}; MX and MTA-STS for {string.Join(", ", domains.Select(d => d.Value))}): --offline");
        }
        else
        {
            (tlsa, mtaSts) = await DnsAsync(hosts, domains, cancellationToken);
        }

        if (TlsaFromFile(system, configDir) is { } fromFile)
        {
            tlsa = [.. tlsa, fromFile];
        }

        await ProgressAsync("diagnosing");
        var now = host.Time.GetUtcNow();
        var evidence = new EvidenceSet
        {
            Postfix = postfix,
            Certificates = certificates,
            DhParameterFiles = dhParameters,
            TrustedRootCount = rootCount,
            PolicyTables = policyTables,
            CollectedAt = now,
            TlsEvents = events,
            CleartextDeliveries = cleartext,
            Probes = [.. _probeResults.Select(r => r.Result)],
            Tlsa = tlsa,
            MtaSts = mtaSts,
            SourceFailures = _failures,
        };
        return new Report
        {
            ToolVersion = MailTlsApp.Version,
            Command = "doctor",
            GeneratedAt = now,
            Inputs = _inputs,
            Skipped = _skipped,
            Tables = [.. LogFacts.Tables(events), .. ProbeTables(), .. DnsTable(tlsa, mtaSts), .. ConfigFacts.Tables(evidence)],
            Charts = ReportCharts.From(evidence),
            Findings = Diagnoser.Diagnose(evidence),
        };
    }

    private void AddConfigInputs(PostfixEvidence postfix)
    {
        _inputs.Add(new ReportInput("config", postfix.Configuration.Main.Path, postfix.ConfigDirectoryOrigin));
        if (postfix.Configuration.Master is { } master)
        {
            _inputs.Add(new ReportInput("config", master.Path, postfix.ConfigDirectoryOrigin));
        }

        _inputs.Add(new ReportInput("version", $"Postfix {postfix.Version}", postfix.VersionOrigin));
        _inputs.Add(new ReportInput("version", $"OpenSSL {postfix.OpenSsl}", postfix.OpenSslOrigin));
    }

    private async Task<(IReadOnlyList<TlsEvent> Events, IReadOnlyList<CleartextDelivery> Cleartext)> ReadLogsAsync(PostfixEvidence? postfix, CancellationToken cancellationToken)
    {
        var given = parsed.GetValue(options.Logs) ?? [];
        var window = parsed.GetValue(options.Since) ?? (given.Length > 0 ? TimeSpan.MaxValue : DefaultWindow);
        var (suffixes, suffixFailure) = PublicSuffixListLoader.Load(parsed.GetValue(options.SuffixList)!);
        if (suffixFailure is not null)
        {
            _failures.Add(suffixFailure);
        }

        var extractor = new TlsEventExtractor(new LogParseOptions(), suffixes);
        var sources = given.Length > 0
            ? [.. LogFileReader.Expand(given).Select(p => new DiscoveredSource(p, "--logs"))]
            : MailSystemDiscovery.LogFiles(MaillogFile(postfix));
        var now = host.Time.GetLocalNow().DateTime;
        var windowText = window == TimeSpan.MaxValue ? "all of it" : $"the last {Describe(window)}";
        await ProgressAsync($"reading {sources.Count} log source(s), {windowText}");
        foreach (var source in sources)
        {
            _inputs.Add(new ReportInput("log", source.Value, source.Origin));
            extractor.SetReferenceDate(LogFileReader.ReferenceDate(source.Value, now));
            if (await LogFileReader.ReadAsync(source.Value, host.In, extractor, cancellationToken) is { } failure)
            {
                _failures.Add(failure);
            }
        }

        if (sources.Count == 0)
        {
            await ReadJournalAsync(extractor, window, cancellationToken);
        }

        extractor.Complete();
        var since = window == TimeSpan.MaxValue ? (DateTime?)null : now - window;
        var filter = new TlsEventFilter(null, null, since, null);
        var probeAddress = LocalServiceProber.SourceAddress.ToString();
        var events = extractor.Events.Where(filter.Matches).ToList();
        var own = events.RemoveAll(e => e.Peer.Ip == probeAddress);
        if (own > 0)
        {
            _skipped.Add(string.Create(CultureInfo.InvariantCulture, $"log: {own} TLS event(s) from {probeAddress}, the address mailtls doctor probes from, are its own earlier probes and not counted"));
        }

        return (events, [.. extractor.CleartextDeliveries.Where(d => d.Peer.Ip != probeAddress && filter.Matches(d.Peer, d.Timestamp))]);
    }

    private async Task ReadJournalAsync(TlsEventExtractor extractor, TimeSpan window, CancellationToken cancellationToken)
    {
        if (!MailSystemDiscovery.JournalAvailable())
        {
            _skipped.Add("logs: no maillog_file, /var/log/mail.log or /var/log/maillog, and no journalctl (give --logs PATH)");
            return;
        }

        var since = window == TimeSpan.MaxValue ? DateTimeOffset.UnixEpoch : host.Time.GetUtcNow() - window;
        var (lines, failure) = await MailSystemDiscovery.ReadJournalAsync(since, settings.Timeout, cancellationToken);
        _inputs.Add(new ReportInput("log", "journalctl SYSLOG_FACILITY=2", "journald (no log file found)"));
        if (failure is not null)
        {
            _failures.Add(failure);
        }

        extractor.SetReferenceDate(host.Time.GetLocalNow().DateTime);
        var number = 0;
        foreach (var line in lines)
        {
            extractor.Add("journalctl", ++number, line);
        }
    }

    private static DiscoveredSource? MaillogFile(PostfixEvidence? postfix)
    {
        if (postfix?.Configuration.Resolve("maillog_file") is not { Value.Length: > 0 } parameter)
        {
            return null;
        }

        return new DiscoveredSource(parameter.Value.Trim(), parameter.Location is { } where ? $"maillog_file ({where})" : "maillog_file");
    }

    private static string Describe(TimeSpan window) =>
        window.TotalDays >= 1 && window.TotalDays == Math.Floor(window.TotalDays)
            ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalDays} day(s)")
            : string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0.##} hour(s)");

    private Task ProgressAsync(string step) =>
        settings.Json ? Task.CompletedTask : host.Error.WriteLineAsync($"mailtls doctor: {step}...");
}
