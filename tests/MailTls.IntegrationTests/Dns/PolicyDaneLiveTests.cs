using System.Globalization;
using System.Text.Json.Nodes;
using MailTls.Core.Dns;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Dns;

/// <summary>
/// mailtls policy at level dane against a signed zone and a real Postfix: one MX host whose TLSA
/// matches, one without TLSA (dane falls back to may), one whose TLSA is stale (deferred).
/// </summary>
public sealed class PolicyDaneLiveTests(DnsZoneFixture dns) : IClassFixture<DnsZoneFixture>, IDisposable
{
    private readonly DirectoryInfo _config = Directory.CreateTempSubdirectory("mailtls-policy-dane-");

    public void Dispose() => _config.Delete(recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task Policy_DaneLevel_EachMxJudgedByItsTlsaRecords()
    {
        // Given a Postfix serving a new certificate, TLSA for it at mx, none at mx2, and a previous key's record at stale
        using var ca = TestCa.Create("mailtls policy dane");
        var previous = ca.IssueLeaf(new LeafSpec("mx.mailtls.test") { DnsNames = ["mx.mailtls.test"] });
        var current = ca.IssueLeaf(new LeafSpec("mx.mailtls.test") { DnsNames = ["mx.mailtls.test"] });
        await using var postfix = await PostfixInstance.StartAsync(current, new PostfixOptions { HostName = "mx.mailtls.test", ListenIPv6 = false });
        var port = postfix.Port.ToString(CultureInfo.InvariantCulture);
        await dns.PublishAsync($"_{port}._tcp.{DnsZoneFixture.MatchingHost}", [TlsaCalculator.Compute(current.Certificate)]);
        await dns.PublishAsync($"_{port}._tcp.{DnsZoneFixture.StaleHost}", [TlsaCalculator.Compute(previous.Certificate)]);
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "main.cf"), """
            smtp_tls_security_level = dane
            smtp_dns_support_level = dnssec
            transport_maps = texthash:$config_directory/transport
            """);
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "master.cf"), "smtp unix - - n - - smtp\n");
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "transport"), $"mailtls.test smtp:mailtls.test:{port}\n");

        // When mailtls explains mail to the zone through the validating resolver
        var run = await CliRun.RunAsync("policy", "mailtls.test", "--config-dir", _config.FullName, "--postfix-version", "3.7.11", "--openssl", "3.0.15", "--dns", dns.ResolverEndpoint.ToString(), "--json");

        // Then each MX host gets the verdict its TLSA records call for
        var rows = JsonNode.Parse(run.Stdout)!["tables"]![0]!["rows"]!.AsArray()
            .Select(r => r!.AsArray().Select(c => c!.GetValue<string>()).ToList())
            .ToDictionary(r => r[2], r => (Basis: r[3], Verdict: r[5]));
        Assert.True(rows.Count == 3, run.Stdout + run.Stderr + dns.Logs);
        Assert.Equal("Verified", rows["mx.mailtls.test"].Verdict);
        Assert.Contains("dane falls back to may", rows["mx2.mailtls.test"].Basis, StringComparison.Ordinal);
        Assert.Equal("Untrusted; deferred 4.7.5 Server certificate not verified", rows["stale.mailtls.test"].Verdict);
    }
}
