using System.Text.Json.Nodes;
using MailTls.IntegrationTests.Dns;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.MtaSts;

/// <summary>mailtls policy turning a destination's MTA-STS policy into the equivalent Postfix entry.</summary>
public sealed class PolicyCommandMtaStsTests(DnsZoneFixture dns, MtaStsServerFixture server)
    : IClassFixture<DnsZoneFixture>, IClassFixture<MtaStsServerFixture>, IDisposable
{
    private readonly DirectoryInfo config = Directory.CreateTempSubdirectory("mailtls-policy-sts-");

    public void Dispose() => config.Delete(recursive: true);

    [Theory]
    [InlineData(MtaStsZone.Good, "mode enforce, mx *.mailtls.test; smtp_tls_policy_maps entry with the same effect: mailtls.test secure match=.mailtls.test")]
    [InlineData(MtaStsZone.Testing, "mode testing: MTA-STS senders still deliver on failure")]
    public async Task Policy_DestinationWithMtaSts_SuggestsPostfixEntry(string label, string expected)
    {
        // Given a plain opportunistic Postfix and a destination that publishes an MTA-STS policy
        await File.WriteAllTextAsync(Path.Combine(config.FullName, "main.cf"), "smtp_tls_security_level = may\n");
        await File.WriteAllTextAsync(Path.Combine(config.FullName, "master.cf"), "smtp unix - - n - - smtp\n");

        // When mailtls policy explains the destination, looking it up through the resolver
        var run = await CliRun.RunAsync(
            host => host with { MtaSts = server.CollectorOptions },
            "policy", MtaStsZone.Domain(label), "--config-dir", config.FullName, "--postfix-version", "3.7.11", "--openssl", "3.0.15",
            "--dns", dns.ResolverEndpoint.ToString(), "--timeout", "2", "--json");

        // Then the MTA-STS input states the policy and the Postfix equivalent, if any
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var input = JsonNode.Parse(run.Stdout)!["inputs"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "mta-sts")!;
        Assert.StartsWith(expected, input["origin"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
