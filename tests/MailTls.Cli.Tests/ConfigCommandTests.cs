using MailTls.Tests;
using System.Text.Json.Nodes;
using NJsonSchema;
using Xunit;

namespace MailTls.Cli.Tests;

public class ConfigCommandTests
{
    private static string Example => RepositoryFiles.Path("examples/scenario-1-gmail-tls12-only");

    [Fact]
    public async Task Run_ScenarioOneExample_ReportsProtocolFloorAndExitsOne()
    {
        // Given the bundled scenario 1 configuration, evaluated as its Postfix 2.9.6 / OpenSSL 1.0.1e
        // When mailtls config runs on it
        var run = await CliRun.RunAsync("config", Example, "--postfix-version", "2.9.6", "--openssl", "1.0.1e", "--no-color");

        // Then the root cause comes first, with the line and the exact fix, and the exit code reports it
        var line = Array.FindIndex(File.ReadAllLines(Path.Combine(Example, "main.cf")), l => l.StartsWith("smtpd_tls_protocols=", StringComparison.Ordinal)) + 1;
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1. [critical] inbound-protocol-floor", run.Terminal, StringComparison.Ordinal);
        Assert.Contains($"main.cf:{line}: smtpd_tls_protocols = !SSLv2,!TLSv1,!TLSv1.1,!SSLv3", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("postconf -e 'smtpd_tls_protocols = !SSLv2, !SSLv3'", run.Terminal, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task Run_Json_ValidatesAndListsFindingIds()
    {
        // Given / When the same run as JSON
        var run = await CliRun.RunAsync("config", Example, "--postfix-version", "2.9.6", "--openssl", "1.0.1e", "--json");

        // Then it follows the schema and carries the expected findings in rank order
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("docs/schema/report.v1.json"));
        Assert.Empty(schema.Validate(run.Stdout));
        var ids = JsonNode.Parse(run.Stdout)!["findings"]!.AsArray().Select(f => f!["id"]!.GetValue<string>());
        Assert.Equal(["inbound-protocol-floor", "cert-chain-includes-root", "mandatory-setting-unused", "mandatory-setting-unused", "parameter-obsolete"], ids);
    }

    [Fact]
    public async Task Run_FailOnCritical_InfoOnlyConfigExitsZero()
    {
        // Given a configuration whose only findings are informational
        var dir = Directory.CreateTempSubdirectory("mailtls-config-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "main.cf"), "smtpd_tls_security_level = may\nsmtpd_tls_mandatory_ciphers = high\n");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "master.cf"), "smtp inet n - y - - smtpd\n");

            // When checked with --fail-on critical
            var run = await CliRun.RunAsync("config", dir.FullName, "--postfix-version", "3.7.11", "--openssl", "3.0.15", "--fail-on", "critical");

            // Then the run is clean for monitoring, yet the finding is shown
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("mandatory-setting-unused", run.Terminal, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_MissingDirectory_OneLineUsageError()
    {
        // Given a directory that does not exist
        var missing = Path.Combine(Path.GetTempPath(), $"mailtls-none-{Guid.NewGuid():N}");

        // When mailtls config is pointed at it
        var run = await CliRun.RunAsync("config", missing, "--postfix-version", "3.7.11", "--openssl", "3.0");

        // Then one line names the file it could not read
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Path.Combine(missing, "main.cf"), line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--postfix-version", "three")]
    [InlineData("--openssl", "latest")]
    public async Task Run_BadVersion_UsageError(string option, string value)
    {
        // Given / When a version that is not one
        var run = await CliRun.RunAsync("config", Example, option, value);

        // Then it is a usage error naming the option
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Fix_PrintsEveryCommandOnceWithReloadLast()
    {
        // Given / When the fix script is asked for
        var run = await CliRun.RunAsync("config", Example, "--postfix-version", "2.9.6", "--openssl", "1.0.1e", "--fix");

        // Then it is a script of every fix, commented per finding, with one reload at the very end
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("postconf -e 'smtpd_tls_protocols = !SSLv2, !SSLv3'", lines);
        Assert.Contains("postconf -X smtpd_tls_mandatory_protocols", lines);
        Assert.Contains(lines, l => l.StartsWith("# inbound-protocol-floor (critical):", StringComparison.Ordinal));
        Assert.Equal("postfix reload", lines[^1]);
        Assert.Single(lines, l => l == "postfix reload");
        Assert.Equal(string.Empty, run.Terminal);
    }

    [Fact]
    public async Task Run_ScenarioTwo_TablesShowOfferAndEachSender()
    {
        // Given scenario 2's configuration on its Postfix 2.6.6 / OpenSSL 1.0.1e
        var example = RepositoryFiles.Path("examples/scenario-2-no-shared-cipher");

        // When mailtls config reports as JSON
        var run = await CliRun.RunAsync("config", example, "--postfix-version", "2.6.6", "--openssl", "1.0.1e", "--json");

        // Then the offer table shows the logged cipher string and ECDHE off, and the sender table Gmail failing at TLS 1.2
        var tables = JsonNode.Parse(run.Stdout)!["tables"]!.AsArray();
        var offer = tables[0]!["rows"]![0]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal("ALL:+RC4:@STRENGTH:!aNULL:!LOW:!EXP:!MEDIUM:!ADH:!AECDH:!MD5:!DSS:!ECDSA:!CAMELLIA128:!3DES:!CAMELLIA256:!RSA+AES:!eNULL", offer[3]);
        Assert.Contains("smtpd_tls_eecdh_grade = none", offer[4], StringComparison.Ordinal);
        Assert.StartsWith("server certificate keys: RSA 2048 bits, ", offer[5], StringComparison.Ordinal);
        var gmail = tables[1]!["rows"]!.AsArray().Select(r => r!.AsArray().Select(c => c!.GetValue<string>()).ToList())
            .Single(r => r[1].Contains("scenario 2", StringComparison.Ordinal));
        Assert.Equal("fails at TLSv1.2: none of its known suites is usable", gmail[3]);
    }
}
