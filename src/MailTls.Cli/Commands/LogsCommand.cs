using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MailTls.Cli.Rendering;
using MailTls.Collectors.Logs;
using MailTls.Core.Evidence;
using MailTls.Core.Logs;
using MailTls.Diagnosis;
using MailTls.Diagnosis.Checks;

namespace MailTls.Cli.Commands;

/// <summary>
/// <c>mailtls logs FILE...</c>: reads mail logs, reconstructs one TLS event per attempt and reports
/// who fails, why and since when. Wiring only: reading is in Collectors, parsing in Core, verdicts in
/// Diagnosis.
/// </summary>
internal static class LogsCommand
{
    public static Command Create(CommandContext context)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Log files (plain or .gz), directories of rotated logs, or - for standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var events = new Option<bool>("--events") { Description = "Write one JSON object per TLS event (JSON Lines) instead of a report" };
        var follow = new Option<bool>("--follow") { Description = "Keep reading one file as it grows, surviving rotation, and write each event as its session ends (implies --events)" };
        var direction = new Option<TlsDirection?>("--direction") { Description = "Only events in this direction: inbound, outbound or startup" };
        var peer = new Option<string?>("--peer") { Description = "Only events whose peer host, address or organisation contains this text" };
        var since = new Option<DateTime?>("--since") { Description = "Only events at or after this time (as written in the log, e.g. 2024-01-02T03:00)" };
        var until = new Option<DateTime?>("--until") { Description = "Only events before this time" };
        var suffixList = new Option<string>("--suffix-list")
        {
            Description = "The Public Suffix List used to name organisations",
            DefaultValueFactory = _ => PublicSuffixListLoader.DebianPath,
        };
        var command = new Command("logs", "Find every TLS failure in Postfix, Sendmail, Exim and Dovecot logs, with its cause and peer")
        {
            files, events, follow, direction, peer, since, until, suffixList,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = context.Globals.Read(parsed);
            var host = context.Host;
            var (suffixes, suffixFailure) = PublicSuffixListLoader.Load(parsed.GetValue(suffixList)!);
            var failures = new List<ProbeFailure>();
            if (suffixFailure is not null)
            {
                failures.Add(suffixFailure);
            }

            var filter = new TlsEventFilter(parsed.GetValue(direction), parsed.GetValue(peer), parsed.GetValue(since), parsed.GetValue(until));
            if (parsed.GetValue(follow))
            {
                return await FollowAsync(parsed.GetValue(files) ?? [], new TlsEventExtractor(new LogParseOptions(), suffixes), filter, host, cancellationToken);
            }

            // Events stream into the tables and the findings' digest as sessions end, so a report over
            // any amount of log stays bounded; --events writes them in reading order as soon as no
            // open session can come before them.
            var listEvents = parsed.GetValue(events);
            var paths = LogFileReader.Expand(parsed.GetValue(files) ?? []);
            var tables = new TlsEventTables();
            var digest = new TlsEventDigest(InboundCleartextFallbackCheck.RetryWindow);
            OrderedEventWriter? writer = null;
            var extractor = new TlsEventExtractor(
                new LogParseOptions(),
                suffixes,
                tlsEvent =>
                {
                    if (!filter.Matches(tlsEvent))
                    {
                        return;
                    }

                    if (writer is not null)
                    {
                        writer.Add(tlsEvent);
                    }
                    else
                    {
                        tables.Add(tlsEvent);
                        digest.Add(tlsEvent);
                    }
                },
                delivery =>
                {
                    if (!listEvents && filter.Matches(delivery.Peer, delivery.Timestamp))
                    {
                        digest.Add(delivery);
                    }
                });
            if (listEvents)
            {
                writer = new OrderedEventWriter(host.Out, paths, () => extractor.OpenSessionStarts);
            }

            var now = host.Time.GetLocalNow().DateTime;
            foreach (var path in paths)
            {
                extractor.SetReferenceDate(LogFileReader.ReferenceDate(path, now));
                if (await LogFileReader.ReadAsync(path, host.In, extractor, cancellationToken) is { } failure)
                {
                    failures.Add(failure);
                }
            }

            extractor.Complete();
            if (writer is not null)
            {
                writer.Complete();
                foreach (var failure in failures)
                {
                    await host.Error.WriteLineAsync($"mailtls: warning: {failure.Source}: {failure.Message}");
                }

                await WriteSkippedAsync(host.Error, extractor.Statistics);
                return (int)ExitCode.Clean;
            }

            var report = new Report
            {
                ToolVersion = MailTlsApp.Version,
                Command = "logs",
                GeneratedAt = host.Time.GetUtcNow(),
                Inputs = [.. paths.Select(p => new ReportInput("log", p, "command line"))],
                Skipped = Skipped(extractor),
                Tables = LogFacts.Tables(tables),
                Findings = Diagnoser.Diagnose(new EvidenceSet
                {
                    TlsDigest = digest,
                    SourceFailures = failures,
                }),
            };
            return await ReportEmitter.EmitAsync(report, settings, host);
        });
        return command;
    }

    private static async Task<int> FollowAsync(string[] paths, TlsEventExtractor extractor, TlsEventFilter filter, CliHost host, CancellationToken cancellationToken)
    {
        if (paths.Length != 1 || paths[0] == "-" || Directory.Exists(paths[0]))
        {
            throw new UserFacingException("--follow takes exactly one log file, e.g. mailtls logs --follow /var/log/mail.log");
        }

        extractor.SetReferenceDate(host.Time.GetLocalNow().DateTime);
        await LogFollower.FollowAsync(
            paths[0],
            (file, number, line) => extractor.Add(file, number, JournalJsonLine.TryConvert(line, out var converted) ? converted : line),
            () =>
            {
                // Events appear when their sessions end; each is written once, then dropped.
                foreach (var tlsEvent in extractor.DrainEvents().Where(filter.Matches))
                {
                    host.Out.WriteLine(JsonSerializer.Serialize(TlsEventRecord.From(tlsEvent), TlsEventJsonContext.Default.TlsEventRecord));
                }

                host.Out.Flush();
            },
            cancellationToken);
        return (int)ExitCode.Clean;
    }

    private static List<string> Skipped(TlsEventExtractor extractor)
    {
        var statistics = extractor.Statistics;
        var skipped = new List<string>();
        if (statistics.SkippedTooLong > 0)
        {
            skipped.Add(string.Create(CultureInfo.InvariantCulture, $"{statistics.SkippedTooLong} line(s) longer than {LogParseOptions.DefaultMaxLineLength} characters"));
        }

        if (statistics.SkippedUnrecognised > 0)
        {
            skipped.Add(string.Create(CultureInfo.InvariantCulture, $"{statistics.SkippedUnrecognised} line(s) without a recognisable syslog header (binary or foreign format)"));
        }

        if (extractor.OrganisationsApproximate)
        {
            skipped.Add("organisations approximated by the last two labels (no public suffix list)");
        }

        return skipped;
    }

    private static async Task WriteSkippedAsync(TextWriter error, LogReadStatistics statistics)
    {
        if (statistics.SkippedTooLong + statistics.SkippedUnrecognised > 0)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"mailtls: warning: skipped {statistics.SkippedTooLong} over-long and {statistics.SkippedUnrecognised} unrecognised line(s) of {statistics.Lines}"));
        }
    }
}
