using MailTls.Tests;
using System.Text.Json.Nodes;
using NJsonSchema;
using Xunit;

namespace MailTls.Cli.Tests;

public class PolicyCommandTests
{
    private static string Example => RepositoryFiles.Path("examples/scenario-3-secure-policy");

    private static string[] ScenarioThree(params string[] extra) =>
    [
        "policy", "fastmail.fm", "--config-dir", Example, "--postfix-version", "2.11.0",
        "--mx", "in1-smtp.messagingengine.com", "--mx", "in2-smtp.messagingengine.com",
        "--cert", Path.Combine(Example, "in1-smtp.messagingengine.com.pem"), .. extra,
    ];

    [Fact]
    public async Task Run_ScenarioThree_ExplainsDeferralAndProposesMatch()
    {
        // Given / When scenario 3's destination is explained offline
        var run = await CliRun.RunAsync(ScenarioThree("--no-color"));

        // Then the deferral is explained in Postfix's words, names side by side, with the corrected line
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("policy-secure-name-mismatch", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("defers with 4.7.5 \"Server certificate not verified\"", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("fastmail.fm secure match=.messagingengine.com ciphers=high", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("tls_policy:3: fastmail.fm secure ciphers=high", run.Terminal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Json_ValidatesAndCitesBothHosts()
    {
        // Given / When the same as JSON
        var run = await CliRun.RunAsync(ScenarioThree("--json"));

        // Then it follows the schema and cites each MX host's certificate names
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("docs/schema/report.v1.json"));
        Assert.Empty(schema.Validate(run.Stdout));
        var finding = JsonNode.Parse(run.Stdout)!["findings"]![0]!;
        var targets = finding["evidence"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "handshake").Select(e => e!["target"]!.GetValue<string>());
        Assert.Equal(["in1-smtp.messagingengine.com", "in2-smtp.messagingengine.com"], targets);
    }

    [Fact]
    public async Task Run_All_FacebookWithoutCertificateHasNoVerdict()
    {
        // Given every key of the table, offline, with MX hosts given but no certificate
        var run = await CliRun.RunAsync("policy", "--all", "--config-dir", Example, "--postfix-version", "2.11.0", "--mx", "mx.example", "--offline", "--json");

        // Then each destination's decision is listed, nothing is claimed about certificates, and that is said
        var report = JsonNode.Parse(run.Stdout)!;
        var decisions = report["inputs"]!.AsArray().Where(i => i!["kind"]!.GetValue<string>() == "decision").Select(i => i!["source"]!.GetValue<string>());
        Assert.Equal(["facebook.com", "hearst.com", "fastmail.fm"], decisions);
        Assert.Empty(report["findings"]!.AsArray());
        Assert.Contains("--offline", report["skipped"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Run_NoDestination_UsageError()
    {
        // Given / When no destination and no --all
        var run = await CliRun.RunAsync("policy", "--config-dir", Example);

        // Then one line says what to give
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--all", run.Stderr, StringComparison.Ordinal);
    }
}
