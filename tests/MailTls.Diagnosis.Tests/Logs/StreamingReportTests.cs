using System.Globalization;
using System.Text;
using MailTls.Core.Logs;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Logs;

/// <summary>
/// mailtls logs streams: files are parsed in blocks (possibly on several threads), events go into
/// the tables and the findings' digest as sessions end, and nothing else is kept. These tests hold
/// that path to the one that keeps every event and reduces the sorted list at the end.
/// </summary>
public class StreamingReportTests
{
    private static readonly LogParseOptions Options = new() { ReferenceDate = new DateTime(2026, 11, 30) };

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void BlockParsing_AnyBlockSize_GivesTheEventsOfLineByLineReading(int linesPerBlock)
    {
        // Given a generated log with every kind of session, interleaved processes, junk and over-long lines
        var lines = GeneratedLog(seed: 11, sessions: 3000);

        // When it is read line by line (journald JSON converted first, as for standard input), and in blocks of parsed bytes
        var byLine = new TlsEventExtractor(Options);
        for (var i = 0; i < lines.Count; i++)
        {
            var text = Encoding.UTF8.GetString(lines[i]);
            byLine.Add("mail.log", i + 1, JournalJsonLine.TryConvert(text, out var converted) ? converted : text);
        }

        byLine.Complete();
        var byBlock = new TlsEventExtractor(Options);
        for (var first = 0; first < lines.Count; first += linesPerBlock)
        {
            var block = lines.Skip(first).Take(linesPerBlock).SelectMany(l => l.Append((byte)'\n')).ToArray();
            byBlock.Add("mail.log", first + 1, LogBlockParser.Parse(block, byBlock.Options));
        }

        byBlock.Complete();

        // Then both give the same events in the same order, and count the same skipped lines
        Assert.True(byLine.Events.Count > 2000);
        Assert.Equal(byLine.Events, byBlock.Events);
        Assert.Equal(byLine.CleartextDeliveries, byBlock.CleartextDeliveries);
        Assert.Equal(byLine.Statistics, byBlock.Statistics);
        Assert.True(byLine.Statistics.SkippedTooLong > 0 && byLine.Statistics.SkippedUnrecognised > 0);
    }

    [Fact]
    public void StreamedDigestAndTables_EqualTheReportOfAllEventsKept()
    {
        // Given a generated log
        var lines = GeneratedLog(seed: 5, sessions: 4000);

        // When one extractor keeps every event (the old report), and another streams them into the
        // tables and the digest in the order sessions end
        var kept = new TlsEventExtractor(Options);
        var tables = new TlsEventTables();
        var digest = new TlsEventDigest(InboundCleartextFallbackCheck.RetryWindow);
        var streamed = new TlsEventExtractor(Options, null, e => { tables.Add(e); digest.Add(e); }, digest.Add);
        for (var i = 0; i < lines.Count; i++)
        {
            var text = Encoding.UTF8.GetString(lines[i]);
            kept.Add("mail.log", i + 1, text);
            streamed.Add("mail.log", i + 1, text);
        }

        kept.Complete();
        streamed.Complete();
        var sorted = kept.Events.OrderBy(e => e.Location.Path, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ToList();
        var full = Diagnoser.Diagnose(new EvidenceSet { TlsEvents = sorted, CleartextDeliveries = kept.CleartextDeliveries });
        var streaming = Diagnoser.Diagnose(new EvidenceSet { TlsDigest = digest });

        // Then the findings and tables are identical, and every log finding is there
        Assert.Equal(string.Join("\n", Describe(full)), string.Join("\n", Describe(streaming)));
        Assert.Equal(Describe(LogFacts.Tables(sorted)), Describe(LogFacts.Tables(tables)));
        Assert.Equal(
            new[] { FindingCatalogue.InboundCleartextFallback, FindingCatalogue.InboundHandshakeFailures, FindingCatalogue.OutboundTlsFailures, FindingCatalogue.PeerRejectsOurCertificate, FindingCatalogue.TlsSetupBroken }
                .Select(d => d.Id.Value).Order(StringComparer.Ordinal),
            streaming.Select(f => f.Id.Value).Distinct().Order(StringComparer.Ordinal));
    }

    private static List<string> Describe(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => string.Join(" | ",
            f.Id, f.Severity, f.Title, f.Cause, f.Occurrences, string.Join(";", f.Affected),
            string.Join(";", f.Evidence.Select(e => e.ToString())), f.Fix?.ToString() ?? "-"))];

    private static List<string> Describe(IEnumerable<ReportTable> tables) =>
        [.. tables.SelectMany(t => t.Rows.Select(r => t.Title + ": " + string.Join(" | ", r)))];

    /// <summary>
    /// Postfix 3.x line shapes (as bench/logs/generate-postfix-log.sh writes them), with several smtpd
    /// processes open at once so that sessions end in another order than they begin.
    /// </summary>
    private static List<byte[]> GeneratedLog(int seed, int sessions)
    {
        var random = new Random(seed);
        string[] orgs = ["google.com", "outlook.com", "facebook.com", "web.de", "example.org"];
        string[] reasons =
        [
            "error:0A000102:SSL routines::unsupported protocol", "error:0A0000C1:SSL routines::no shared cipher",
            "error:0A000412:SSL routines::sslv3 alert bad certificate", "error:0A00010B:SSL routines::wrong version number",
            "error:0A000126:SSL routines::unexpected eof while reading", "error:0A0000FF:SSL routines::made-up reason",
        ];
        var output = new List<byte[]>();
        var open = new List<Queue<string>>();
        var time = new DateTime(2026, 11, 1);
        var queueId = 0x10000;
        for (var s = 0; s < sessions; s++)
        {
            time = time.AddSeconds(random.Next(1, 400));
            var ts = time.ToString("MMM d HH:mm:ss", CultureInfo.InvariantCulture).PadLeft(0);
            ts = ts.Length == 14 ? ts.Insert(4, " ") : ts;
            var org = orgs[random.Next(orgs.Length)];
            var peer = $"mx{random.Next(4)}.{org}[192.0.2.{random.Next(1, 250)}]";
            var pid = 1000 + random.Next(8);
            var p = $"{ts} mx postfix/smtpd[{pid}]: ";
            var o = $"{ts} mx postfix/smtp[{3000 + random.Next(4)}]: ";
            var id = (queueId++).ToString("X", CultureInfo.InvariantCulture);
            var r = random.NextDouble();
            var session = r switch
            {
                < 0.45 => [p + "connect from " + peer, p + $"Anonymous TLS connection established from {peer}: TLSv1.{2 + random.Next(2)} with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)", p + $"{id}: client={peer}", p + $"disconnect from {peer} ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7"],
                < 0.65 => [p + "connect from " + peer, p + $"SSL_accept error from {peer}: -1", p + $"warning: TLS library problem: {reasons[random.Next(reasons.Length)]}:../ssl/statem/statem_srvr.c:1657:", p + $"lost connection after STARTTLS from {peer}", p + $"disconnect from {peer} ehlo=1 starttls=0/1 commands=1/2"],
                < 0.72 => [p + "connect from " + peer, p + $"{id}: client={peer}", p + $"disconnect from {peer} ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5"],
                < 0.80 => [o + $"Trusted TLS connection established to {peer}:25: TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)", o + $"{id}: to=<u@{org}>, relay={peer}:25, delay=0.6, delays=0.1/0/0.3/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok)"],
                < 0.85 => [o + $"Untrusted TLS connection established to {peer}:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)", o + $"{id}: to=<u@{org}>, relay={peer}:25, delay=0.6, delays=0.1/0/0.5/0, dsn=4.7.5, status=deferred (Server certificate not trusted)"],
                < 0.89 => [o + $"{id}: to=<u@{org}>, relay={peer}:25, delay=0.3, delays=0.1/0/0.2/0, dsn=4.7.4, status=deferred (TLS is required, but was not offered by host {peer})"],
                < 0.91 => [p + "warning: cannot get RSA private key from file \"/etc/postfix/key.pem\": disabling TLS support"],
                < 0.93 => [$"{ts} mx sm-mta[{pid}]: STARTTLS=server, error: accept failed=-1, reason=sslv3 alert bad certificate, SSL_error=1, errno=0, retry=-1, relay={peer.Replace("[", " [", StringComparison.Ordinal)}"],
                < 0.95 => ["{\"__REALTIME_TIMESTAMP\":\"1793491200000000\",\"_HOSTNAME\":\"mx\",\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\",\"_PID\":\"" + (2000 + s) + "\",\"MESSAGE\":\"SSL_accept error from " + peer + ": lost connection\"}"],
                < 0.96 => ["\u0001\u0002 binary junk \u00ff", new string('x', LogParseOptions.DefaultMaxLineLength + 10), ""],
                _ => (string[])[$"{ts} mx postfix/cleanup[900]: {id}: message-id=<{s}@{org}>\r", $"{ts} mx postfix/qmgr[901]: {id}: removed"],
            };

            // Lines of one session stay in order; sessions of different processes interleave.
            open.Add(new Queue<string>(session));
            while (open.Count > (random.Next(3) == 0 ? 0 : 2))
            {
                var next = open[random.Next(open.Count)];
                output.Add(Encoding.UTF8.GetBytes(next.Dequeue()));
                open.RemoveAll(q => q.Count == 0);
            }
        }

        output.Add([0x66, 0xC3, 0x28, 0xFF, 0x20, 0x70, 0x6F]);
        return output;
    }
}
