using System.Text.Json.Nodes;
using MailTls.Tests;
using NJsonSchema;
using Xunit;

namespace MailTls.Cli.Tests.Commands;

public class DoctorCommandTests
{
    private static Task<CliRun> DoctorAsync(string example, params string[] more)
    {
        var directory = RepositoryFiles.Path($"examples/{example}");
        return CliRun.RunAsync(["doctor", "--offline", "--config-dir", directory, "--logs", Path.Combine(directory, "mail.log"), .. more]);
    }

    private static JsonArray Findings(CliRun run) => JsonNode.Parse(run.Stdout)!["findings"]!.AsArray();

    private static IEnumerable<string> EvidenceKinds(JsonNode finding) =>
        finding["evidence"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).Distinct();

    [Theory]
    [InlineData("scenario-1-gmail-tls12-only", "inbound-protocol-floor", "google.com")]
    [InlineData("scenario-2-no-shared-cipher", "cipherlist-no-shared-suite", "google.com")]
    [InlineData("scenario-3-secure-policy", "policy-secure-name-mismatch", "fastmail.fm")]
    public async Task Run_ExampleWithLogAndConfig_MainFindingFirstWithBothKindsOfEvidence(string example, string id, string peer)
    {
        // Given a bundled example's configuration and its published log excerpt
        // When doctor runs offline on them
        var run = await DoctorAsync(example, "--json");

        // Then the scenario's main finding is first, names the peer, and joins log and config evidence
        Assert.Equal(1, run.ExitCode);
        var top = Findings(run)[0]!;
        Assert.Equal(id, top["id"]!.GetValue<string>());
        Assert.Contains(peer, top["affected"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("log-line", EvidenceKinds(top));
        Assert.Contains("config-line", EvidenceKinds(top));
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("docs/schema/report.v1.json"));
        Assert.Empty(schema.Validate(run.Stdout));
    }

    [Fact]
    public async Task Run_SendmailExampleWithPublishedTlsa_LeadsWithTheStaleRecordAndTheRecordToPublish()
    {
        // Given scenario 4: a Sendmail configuration, its log line and the TLSA record the zone still publishes
        var directory = RepositoryFiles.Path("examples/scenario-4-dane-tlsa-stale");
        var published = File.ReadAllLines(Path.Combine(directory, "tlsa-published.zone")).Single(l => !l.StartsWith(';') && l.Contains(" TLSA ", StringComparison.Ordinal));
        var staleHash = published.Split(' ')[^1];

        // When doctor runs offline on them
        var run = await DoctorAsync("scenario-4-dane-tlsa-stale", "--tlsa", Path.Combine(directory, "tlsa-published.zone"), "--json");

        // Then Sendmail is recognised, the certificate comes from confSERVER_CERT, and the DANE mismatch leads,
        // joining the log line and the stale record, with the record openssl computes for the key in use to publish
        Assert.Equal(1, run.ExitCode);
        var report = JsonNode.Parse(run.Stdout)!;
        var mta = report["inputs"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "mta")!;
        Assert.Equal("Sendmail", mta["source"]!.GetValue<string>());
        Assert.StartsWith("sendmail.mc in ", mta["origin"]!.GetValue<string>(), StringComparison.Ordinal);
        var certificate = report["inputs"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "certificate")!;
        Assert.Equal(Path.Combine(directory, "mail.example.com.pem"), Path.GetFullPath(certificate["source"]!.GetValue<string>()));
        Assert.StartsWith("confSERVER_CERT in ", certificate["origin"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(report["skipped"]!.AsArray(), s => s!.GetValue<string>().Contains("Sendmail's configuration is not analysed", StringComparison.Ordinal));

        var top = Findings(run)[0]!;
        Assert.Equal("dane-tlsa-mismatch", top["id"]!.GetValue<string>());
        Assert.Contains("example.com", top["affected"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("log-line", EvidenceKinds(top));
        Assert.Contains(top["evidence"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "dns" && e["fact"]!.GetValue<string>().Contains(staleHash, StringComparison.Ordinal));
        var spkiSha256 = Oracle.Shell("openssl x509 -in mail.example.com.pem -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r", directory).Split(' ')[0];
        Assert.NotEqual(staleHash, spkiSha256);
        Assert.Contains($"_25._tcp.mail.example.com. IN TLSA 3 1 1 {spkiSha256}", top["fix"]!["steps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.DoesNotContain(Findings(run), f => f!["id"]!.GetValue<string>() == "peer-rejects-our-certificate");
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("docs/schema/report.v1.json"));
        Assert.Empty(schema.Validate(run.Stdout));
    }

    [Fact]
    public async Task Run_SendmailExampleWithoutTlsa_LeadsWithTheRejectedCertificateAndNamesDane()
    {
        // Given scenario 4 without the published records / When doctor runs offline on it
        var run = await DoctorAsync("scenario-4-dane-tlsa-stale", "--json");

        // Then the rejected certificate leads and its cause names DANE as the first thing to check
        Assert.Equal("peer-rejects-our-certificate", Findings(run)[0]!["id"]!.GetValue<string>());
        Assert.Contains("DANE", Findings(run)[0]!["cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("; only a comment\n", "has no TLSA line")]
    [InlineData("_25._tcp.mail.example.com. IN TLSA 3 1 1 zz\n", "not a hexadecimal digit")]
    [InlineData("mail.example.com. IN TLSA 3 1 1 00\n", "is not of the form _PORT._tcp.HOST")]
    public async Task Run_BrokenTlsaFile_ReportedAsUnreadableInputWithTheReason(string content, string reason)
    {
        // Given a --tlsa file that holds no usable record
        using var directory = new TempFolder();
        var path = Path.Combine(directory.Path, "tlsa.zone");
        await File.WriteAllTextAsync(path, content);

        // When doctor runs offline with it
        var run = await DoctorAsync("scenario-4-dane-tlsa-stale", "--tlsa", path, "--json");

        // Then it does not crash: the file is reported with why it could not be used
        Assert.Contains(Findings(run), f => f!["id"]!.GetValue<string>() == "source-unavailable" && f["cause"]!.ToJsonString().Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_Terminal_SummaryFirstThenInputsWithOriginsAndSkippedSteps()
    {
        // Given scenario 1 / When doctor runs offline on the terminal
        var run = await DoctorAsync("scenario-1-gmail-tls12-only", "--no-color");

        // Then the ranked summary precedes the inputs, every input says where it came from, and --offline is explained
        var summary = run.Terminal.IndexOf("inbound-protocol-floor", StringComparison.Ordinal);
        var inputs = run.Terminal.IndexOf("  mta: Postfix (main.cf in ", StringComparison.Ordinal);
        Assert.True(summary >= 0 && inputs > summary, run.Terminal);
        Assert.Contains("log: ", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("(--logs)", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("host: mail.example.org (myhostname", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("service: smtp: * port 25 (STARTTLS) (master.cf service smtp/inet", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("skipped: probe of the local services (smtp port 25): --offline", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("skipped: DNS checks", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("mailtls doctor: reading 1 log source(s), all of it...", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SinceWindow_LeavesOutOlderEvents()
    {
        // Given scenario 1, whose log lines are older than a day
        // When doctor reads only the last hour
        var run = await DoctorAsync("scenario-1-gmail-tls12-only", "--since", "1h", "--json");

        // Then no log evidence remains and the configuration finding stands alone
        var top = Findings(run)[0]!;
        Assert.Equal("inbound-protocol-floor", top["id"]!.GetValue<string>());
        Assert.DoesNotContain("log-line", EvidenceKinds(top));
    }

    [Theory]
    [InlineData("--since", "7x")]
    [InlineData("--port", "0")]
    public async Task Run_BadOption_UsageError(string option, string value)
    {
        // Given / When doctor gets a malformed option / Then it is a one-line usage error
        var run = await DoctorAsync("scenario-1-gmail-tls12-only", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConfigDirWithoutAnyMtaFiles_SaysSoAndStillReadsTheLog()
    {
        // Given a directory with only a log in it
        using var directory = new TempFolder();
        File.Copy(RepositoryFiles.Path("examples/scenario-1-gmail-tls12-only/mail.log"), Path.Combine(directory.Path, "mail.log"));

        // When doctor runs offline on it
        var run = await CliRun.RunAsync("doctor", "--offline", "--config-dir", directory.Path, "--logs", Path.Combine(directory.Path, "mail.log"), "--json");

        // Then the MTA is unknown, configuration checks are skipped with the reason, and the log finding is reported
        var report = JsonNode.Parse(run.Stdout)!;
        Assert.Contains(report["skipped"]!.AsArray(), s => s!.GetValue<string>().StartsWith("configuration checks: no Postfix configuration found", StringComparison.Ordinal));
        Assert.Equal("inbound-handshake-failures", Findings(run)[0]!["id"]!.GetValue<string>());
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mailtls-doctor-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
