using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using MailTls.Core.Logs;
using MailTls.Diagnosis;
using MailTls.Diagnosis.Checks;

namespace MailTls.Benchmarks;

/// <summary>
/// mailtls logs per line: parsing a block of Postfix lines (header, classification, the copy of
/// what the correlator needs) and the whole report path (parse, correlate, tables, digest,
/// findings). Time and allocation are per line (OperationsPerInvoke), over a synthetic log with
/// the line shapes and mix of bench/logs/generate-postfix-log.sh.
/// </summary>
[MemoryDiagnoser]
public class LogBenchmarks
{
    private const int Sessions = 2_000;

    private static readonly LogParseOptions Options = new() { ReferenceDate = new DateTime(2026, 11, 30) };

    // What mailtls logs parses blocks with: the extractor's options, which resolve peer organisations while parsing.
    private static readonly LogParseOptions ParseOptions = new TlsEventExtractor(Options).Options;

    private byte[] _log = [];
    private int _lines;

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        var random = new Random(20261123);
        string[] orgs = ["google.com", "outlook.com", "yahoo.com", "web.de", "facebook.com"];
        string[] reasons = ["error:0A000102:SSL routines::unsupported protocol", "error:0A0000C1:SSL routines::no shared cipher", "error:0A000412:SSL routines::sslv3 alert bad certificate"];
        var time = new DateTime(2026, 11, 1);
        for (var s = 0; s < Sessions; s++)
        {
            time = time.AddSeconds(7);
            var ts = time.ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture);
            var org = orgs[random.Next(orgs.Length)];
            var peer = $"mail-{random.Next(500)}.{org}[192.0.2.{random.Next(1, 250)}]";
            var p = $"{ts} mx postfix/smtpd[{1000 + s}]: ";
            var id = (0x10000 + s).ToString("X10", CultureInfo.InvariantCulture);
            text.Append(p).Append("connect from ").Append(peer).Append('\n');
            if (s % 7 != 0)
            {
                text.Append(p).Append($"Anonymous TLS connection established from {peer}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n");
                text.Append(p).Append($"{id}: client={peer}\n");
                text.Append($"{ts} mx postfix/cleanup[{2000 + s}]: {id}: message-id=<{s}@{org}>\n");
                text.Append($"{ts} mx postfix/qmgr[900]: {id}: from=<bounce@{org}>, size=4242, nrcpt=1 (queue active)\n");
                text.Append($"{ts} mx postfix/local[{3000 + s}]: {id}: to=<user@example.net>, relay=local, delay=0.1, delays=0.05/0/0/0.05, dsn=2.0.0, status=sent (delivered to mailbox)\n");
                text.Append($"{ts} mx postfix/qmgr[900]: {id}: removed\n");
                text.Append(p).Append($"disconnect from {peer} ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7\n");
            }
            else
            {
                text.Append(p).Append($"SSL_accept error from {peer}: -1\n");
                text.Append(p).Append($"warning: TLS library problem: {reasons[random.Next(reasons.Length)]}:../ssl/statem/statem_srvr.c:1657:\n");
                text.Append(p).Append($"lost connection after STARTTLS from {peer}\n");
                text.Append(p).Append($"disconnect from {peer} ehlo=1 starttls=0/1 commands=1/2\n");
            }
        }

        _log = Encoding.UTF8.GetBytes(text.ToString());
        _lines = LogBlockParser.Parse(_log, Options).Lines;
        if (_lines != LinesPerInvoke)
        {
            throw new InvalidOperationException($"the synthetic log has {_lines} lines; set LinesPerInvoke to that");
        }
    }

    // The line count of the synthetic log above (one session in seven fails; checked in Setup), so results are per line.
    private const int LinesPerInvoke = 15_142;

    /// <summary>Header, classification and record copy, per line (what each core does in parallel).</summary>
    [Benchmark(OperationsPerInvoke = LinesPerInvoke)]
    public int ParseLines()
    {
        // Released as the extractor does after adding it, so the pooled entry array is reused.
        var block = LogBlockParser.Parse(_log, ParseOptions);
        block.Release();
        return block.Lines;
    }

    /// <summary>Everything mailtls logs --json computes, per line, except reading the file.</summary>
    [Benchmark(OperationsPerInvoke = LinesPerInvoke)]
    public int Report()
    {
        var tables = new TlsEventTables();
        var digest = new TlsEventDigest(InboundCleartextFallbackCheck.RetryWindow);
        var extractor = new TlsEventExtractor(Options, null, e => { tables.Add(e); digest.Add(e); }, digest.Add);
        extractor.Add("mail.log", 1, LogBlockParser.Parse(_log, extractor.Options));
        extractor.Complete();
        return LogFacts.Tables(tables).Count + Diagnoser.Diagnose(new EvidenceSet { TlsDigest = digest }).Count;
    }
}
