using System.IO.Compression;
using System.Text.Json;
using MailTls.Cli;
using MailTls.Tests;
using Spectre.Console.Testing;
using Xunit;

namespace MailTls.Cli.Tests.Commands;

public sealed class LogsCommandTests : IDisposable
{
    private const string GmailFailure = """
        Dec 19 11:09:11 server postfix/smtpd[19878]: connect from mail-wi0-x230.google.com[2a00:1450:400c:c05::230]
        Dec 19 11:09:11 server postfix/smtpd[19878]: SSL_accept error from mail-wi0-x230.google.com[2a00:1450:400c:c05::230]: -1
        Dec 19 11:09:11 server postfix/smtpd[19878]: warning: TLS library problem: 19878:error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol:s23_srvr.c:647:
        Dec 19 11:09:11 server postfix/smtpd[19878]: lost connection after STARTTLS from mail-wi0-x230.google.com[2a00:1450:400c:c05::230]
        Dec 19 11:09:11 server postfix/smtpd[19878]: disconnect from mail-wi0-x230.google.com[2a00:1450:400c:c05::230]
        Dec 19 17:33:15 server postfix/smtpd[14105]: Anonymous TLS connection established from mout.web.de[212.227.15.3]: TLSv1.2 with cipher DHE-RSA-AES256-GCM-SHA384 (256/256 bits)
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("mailtls-logs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Logs_Json_TablesShowFailuresByOrganisationAndSuccessesByCipher()
    {
        // Given scenario 1's failing Gmail session and web.de's success
        var path = Path.Combine(_directory, "mail.log");
        await File.WriteAllTextAsync(path, GmailFailure);

        // When the report is asked for as JSON
        var run = await CliRun.RunAsync("logs", "--json", path);

        // Then the failure table names google.com with the cause and first line, and the success table the cipher
        using var report = JsonDocument.Parse(run.Stdout);
        var tables = report.RootElement.GetProperty("tables").EnumerateArray().ToList();
        var failure = tables[0].GetProperty("rows")[0].EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["inbound", "protocol_version_mismatch", "google.com", "1"], failure.Take(4));
        Assert.EndsWith("mail.log:1", failure[6], StringComparison.Ordinal);
        var success = tables[1].GetProperty("rows")[0].EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["inbound", "TLSv1.2", "DHE-RSA-AES256-GCM-SHA384"], success.Take(3));
    }

    [Fact]
    public async Task Logs_EventsFromGzipFile_WritesOneJsonObjectPerEventWithRequiredKeys()
    {
        // Given a gzip-compressed log with one failure and one success
        var path = Path.Combine(_directory, "mail.log.1.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(gzip))
        {
            await writer.WriteAsync(GmailFailure);
        }

        // When mailtls logs --events reads it
        var (code, output, error) = await RunAsync("logs", "--events", "--suffix-list", "/nonexistent/psl.dat", path);

        // Then each event is a JSON line with file, line, mta, direction, peer, outcome, cause, detail, protocol, cipher, trust
        // (and a complete .gz raises no truncation warning)
        Assert.Equal(0, code);
        Assert.DoesNotContain("truncated", error, StringComparison.Ordinal);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var failure = JsonDocument.Parse(lines[0]);
        var root = failure.RootElement;
        Assert.Equal(path, root.GetProperty("file").GetString());
        Assert.Equal(1, root.GetProperty("line").GetInt32());
        Assert.Equal("postfix", root.GetProperty("mta").GetString());
        Assert.Equal("inbound", root.GetProperty("direction").GetString());
        Assert.Equal("google.com", root.GetProperty("peer").GetProperty("org").GetString());
        Assert.Equal("2a00:1450:400c:c05::230", root.GetProperty("peer").GetProperty("ip").GetString());
        Assert.Equal("failure", root.GetProperty("outcome").GetString());
        Assert.Equal("protocol_version_mismatch", root.GetProperty("cause").GetString());
        Assert.Equal("unknown protocol", root.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("protocol").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("trust").ValueKind);
        using var success = JsonDocument.Parse(lines[1]);
        Assert.Equal("TLSv1.2", success.RootElement.GetProperty("protocol").GetString());
        Assert.Equal("anonymous", success.RootElement.GetProperty("trust").GetString());
    }

    [Fact]
    public async Task Logs_GzipWithA16MiBLineWithoutNewline_SkipsItAndReadsTheEventsAfterIt()
    {
        // Given a .gz log that starts with 16 MiB and no newline (a corrupt or hostile file), then real lines
        var path = Path.Combine(_directory, "mail.log.3.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(gzip))
        {
            await writer.WriteAsync(new string('x', 16 << 20));
            await writer.WriteAsync("\n" + GmailFailure);
        }

        // When mailtls logs --events reads it
        var (code, output, _) = await RunAsync("logs", "--events", "--suffix-list", "/nonexistent/psl.dat", path);

        // Then the long line is passed over and both events are found, numbered after it
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var failure = JsonDocument.Parse(lines[0]);
        Assert.Equal(2, failure.RootElement.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Logs_ReportOnMissingAndPresentFiles_RaisesHandshakeFindingAndSourceUnavailable()
    {
        // Given one readable log and one missing file
        var path = Path.Combine(_directory, "mail.log");
        await File.WriteAllTextAsync(path, GmailFailure);

        // When the JSON report is asked for
        var (code, output, _) = await RunAsync("logs", "--json", "--suffix-list", "/nonexistent/psl.dat", path, Path.Combine(_directory, "missing.log"));

        // Then the handshake failure and the unreadable file are both findings, and the exit code says so
        Assert.Equal((int)ExitCode.FindingsAtOrAboveThreshold, code);
        using var report = JsonDocument.Parse(output);
        var ids = report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Contains("inbound-handshake-failures", ids);
        Assert.Contains("source-unavailable", ids);
    }

    [Theory]
    [InlineData("xz", ".xz")]
    [InlineData("bzip2", ".bz2")]
    public async Task Logs_CompressedWithRealTool_ReadsEveryEvent(string tool, string extension)
    {
        // Given the log compressed by the real xz or bzip2, as logrotate's compresscmd would
        var plain = Path.Combine(_directory, "mail.log.3");
        await File.WriteAllTextAsync(plain, GmailFailure);
        Compress(tool, plain);

        // When mailtls logs --events reads the compressed file
        var (code, output, error) = await RunAsync("logs", "--events", "--suffix-list", "/nonexistent/psl.dat", plain + extension);

        // Then both sessions are there and nothing is reported missing
        Assert.Equal(0, code);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(plain + extension, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_TruncatedXz_WarnsAndKeepsEventsReadBeforeTheCut()
    {
        // Given a long .xz log cut short
        var plain = Path.Combine(_directory, "mail.log.4");
        await File.WriteAllTextAsync(plain, string.Concat(Enumerable.Range(0, 2000).Select(i => GmailFailure.Replace("[19878]", $"[{1000 + i}]", StringComparison.Ordinal) + "\n")));
        Compress("xz", plain);
        var compressed = await File.ReadAllBytesAsync(plain + ".xz");
        await File.WriteAllBytesAsync(plain + ".xz", compressed[..(compressed.Length / 2)]);

        // When it is read
        var (code, output, error) = await RunAsync("logs", "--events", "--suffix-list", "/nonexistent/psl.dat", plain + ".xz");

        // Then what was decompressed is reported, and a warning names the file and the tool's complaint
        Assert.Equal(0, code);
        Assert.NotEmpty(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("xz stopped after line", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_JournalctlJsonExport_SameEventAsSyslog()
    {
        // Given scenario 1's failing Gmail session exported with journalctl -o json
        var lines = GmailFailure.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(5).Select(line =>
        {
            var message = line[(line.IndexOf("]: ", StringComparison.Ordinal) + 3)..];
            return JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["__REALTIME_TIMESTAMP"] = "1734606551000000",
                ["_HOSTNAME"] = "server",
                ["SYSLOG_IDENTIFIER"] = "postfix/smtpd",
                ["_PID"] = "19878",
                ["MESSAGE"] = message,
            });
        });
        var path = Path.Combine(_directory, "journal.json");
        await File.WriteAllLinesAsync(path, lines);

        // When mailtls logs --events reads the export
        var (code, output, _) = await RunAsync("logs", "--events", "--suffix-list", "/nonexistent/psl.dat", path);

        // Then the session is one event with the cause the syslog form gives
        Assert.Equal(0, code);
        var tlsEvent = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal("protocol_version_mismatch", tlsEvent.GetProperty("cause").GetString());
        Assert.Equal("inbound", tlsEvent.GetProperty("direction").GetString());
    }

    [Fact]
    public async Task Logs_Follow_WritesEventsAsWrittenAndSurvivesRotation()
    {
        // Given an existing log, followed by mailtls logs --follow
        var path = Path.Combine(_directory, "mail.log");
        await File.WriteAllTextAsync(path, "Dec 19 11:00:00 server postfix/smtpd[1]: connect from old.example[192.0.2.1]\n");
        using var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var host = new CliHost(_ => new TestConsole(), synchronized, TextWriter.Null, TimeProvider.System);
        var run = MailTlsApp.RunAsync(["logs", "--follow", "--suffix-list", "/nonexistent/psl.dat", path], host, stop.Token);

        // When a failing session is appended, then the file is rotated and another one written to the new file
        await Task.Delay(500);
        await File.AppendAllTextAsync(path, GmailFailure + "\n");
        await WaitForLinesAsync(synchronized, output, 1);
        File.Move(path, path + ".1");
        await File.WriteAllTextAsync(path, GmailFailure.Replace("[19878]", "[20000]", StringComparison.Ordinal) + "\n");
        await WaitForLinesAsync(synchronized, output, 2);
        await stop.CancelAsync();

        // Then each session was written once, as it ended, and following stopped cleanly
        Assert.Equal(0, await run);
        var lines = Lines(synchronized, output);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal("protocol_version_mismatch", JsonDocument.Parse(l).RootElement.GetProperty("cause").GetString()));
    }

    private static string[] Lines(TextWriter synchronized, StringWriter output)
    {
        lock (synchronized)
        {
            return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    private static async Task WaitForLinesAsync(TextWriter synchronized, StringWriter output, int count)
    {
        for (var waited = 0; waited < 100 && Lines(synchronized, output).Length < count; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(Lines(synchronized, output).Length >= count, $"expected {count} event(s), got: {string.Join(" | ", Lines(synchronized, output))}");
    }

    private static void Compress(string tool, string path)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(tool, ["-f", path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"{tool} did not start");
        Assert.True(process.WaitForExit(30_000), $"{tool} did not finish");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Logs_TruncatedGzip_WarnsAndKeepsEventsReadBeforeTheCut()
    {
        // Given a .gz log cut short: a long prefix of failures, and the file truncated near its end
        var path = Path.Combine(_directory, "mail.log.2.gz");
        using (var buffer = new MemoryStream())
        {
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await using (var writer = new StreamWriter(gzip))
            {
                for (var i = 0; i < 200; i++)
                {
                    await writer.WriteLineAsync(GmailFailure.Replace("[19878]", $"[{1000 + i}]", StringComparison.Ordinal));
                }
            }

            await File.WriteAllBytesAsync(path, buffer.ToArray()[..(int)(buffer.Length - 40)]);
        }

        // When mailtls logs --events reads it
        var (code, output, error) = await RunAsync("logs", "--events", "--suffix-list", "/nonexistent/psl.dat", path);

        // Then the events before the cut are written, and a warning says the file is truncated
        Assert.Equal(0, code);
        Assert.True(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 100);
        Assert.Contains("truncated", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_EventsOfManyInterleavedSessions_WrittenInLineOrderWhileStreaming()
    {
        // Given 12,000 sessions of three processes whose lines interleave, so that sessions end in
        // another order than they begin (more events than the writer holds before releasing)
        var path = Path.Combine(_directory, "mail.log");
        var lines = new List<string>();
        for (var s = 0; s < 4_000; s++)
        {
            string[] peers = [$"a{s}.example.org[192.0.2.1]", $"b{s}.example.org[192.0.2.2]", $"c{s}.example.org[192.0.2.3]"];
            for (var p = 0; p < 3; p++)
            {
                lines.Add($"Dec 19 11:09:11 server postfix/smtpd[{100 + p}]: connect from {peers[p]}");
            }

            for (var p = 2; p >= 0; p--)
            {
                lines.Add($"Dec 19 11:09:11 server postfix/smtpd[{100 + p}]: SSL_accept error from {peers[p]}: lost connection");
                lines.Add($"Dec 19 11:09:11 server postfix/smtpd[{100 + p}]: disconnect from {peers[p]}");
            }
        }

        await File.WriteAllLinesAsync(path, lines);

        // When mailtls logs --events reads it
        var (code, output, _) = await RunAsync("logs", "--events", "--suffix-list", "/nonexistent/psl.dat", path);

        // Then every session is one event, written in the order of its first line
        Assert.Equal(0, code);
        var starts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("line").GetInt32())
            .ToList();
        Assert.Equal(12_000, starts.Count);
        Assert.Equal(starts.Order(), starts);
        Assert.Equal(starts.Count, starts.Distinct().Count());
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        return (run.ExitCode, run.Stdout, run.Stderr);
    }
}
