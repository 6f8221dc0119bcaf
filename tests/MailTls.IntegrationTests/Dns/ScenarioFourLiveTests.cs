using System.Text.Json.Nodes;
using MailTls.Core.Dns;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Dns;

/// <summary>
/// Scenario 4 with real servers: a DNSSEC-signed zone (knot behind a validating unbound) whose
/// TLSA record describes an older key than the certificate a real Postfix serves.
/// </summary>
public sealed class ScenarioFourLiveTests(DnsZoneFixture dns) : IClassFixture<DnsZoneFixture>
{
    [Fact(Timeout = 120_000)]
    public async Task Dane_LivePostfixWithStaleTlsa_MismatchThenCleanAfterPublishing()
    {
        // Given a Postfix serving a new certificate for stale.mailtls.test, and a signed TLSA record for its previous key
        using var ca = TestCa.Create("mailtls scenario 4");
        var previous = ca.IssueLeaf(new LeafSpec("stale.mailtls.test") { DnsNames = ["stale.mailtls.test"] });
        var current = ca.IssueLeaf(new LeafSpec("stale.mailtls.test") { DnsNames = ["stale.mailtls.test"] });
        await using var postfix = await PostfixInstance.StartAsync(current, new PostfixOptions { HostName = "stale.mailtls.test", ListenIPv6 = false });
        var owner = $"_{postfix.Port}._tcp.{DnsZoneFixture.StaleHost}";
        await dns.PublishAsync(owner, [TlsaCalculator.Compute(previous.Certificate)]);
        string[] args = ["dane", "--host", DnsZoneFixture.StaleHost, "--port", postfix.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dns", dns.ResolverEndpoint.ToString(), "--json"];

        // When mailtls dane looks at the live server and its records
        var before = await CliRun.RunAsync(args);

        // Then the records are secure but match nothing served, and the finding gives the exact records to publish
        var finding = JsonNode.Parse(before.Stdout)!["findings"]!.AsArray().SingleOrDefault(f => f!["id"]!.GetValue<string>() == "dane-tlsa-mismatch");
        Assert.True(finding is not null, before.Stdout + before.Stderr + dns.Logs);
        var steps = string.Join("\n", finding!["fix"]!["steps"]!.AsArray().Select(s => s!.GetValue<string>()));
        var leafRecord = TlsaCalculator.Compute(current.Certificate);
        Assert.Contains(leafRecord.ToPresentation(), steps, StringComparison.OrdinalIgnoreCase);

        // When the leaf record mailtls asked for is published beside the stale one
        await dns.PublishAsync(owner, [leafRecord]);
        var after = await CliRun.RunAsync(args);

        // Then the same run is clean
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
        Assert.Empty(JsonNode.Parse(after.Stdout)!["findings"]!.AsArray());
    }
}
