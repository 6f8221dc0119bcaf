using System.Text.Json;
using MailTls.IntegrationTests.Dns;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;
using Xunit.Abstractions;

namespace MailTls.IntegrationTests.Probe;

/// `mailtls probe DOMAIN` through a real resolver (knot + unbound): MX hosts in preference order,
/// their addresses per family, and names checked per MX host.
public sealed class ProbeDomainTests(DnsZoneFixture dns, ITestOutputHelper output) : IClassFixture<DnsZoneFixture>
{
    private static List<string> Titles(JsonElement report, string contains) =>
        [.. report.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).Where(t => t.Contains(contains, StringComparison.Ordinal))];

    [Fact]
    public async Task Probe_DomainWithMxLimitAndIpv4_ProbesMxHostsInPreferenceOrderAndChecksEachName()
    {
        // Given: one Postfix whose certificate names mx.mailtls.test; the zone's MX 10 mx, 20 mx2, 30 stale all point at loopback
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        await using var postfix = await PostfixInstance.StartAsync(leaf, new PostfixOptions());

        // When
        var (exit, stdout, stderr, _) = await CliRun.RunAsync(
            "probe", "mailtls.test", "--dns", dns.ResolverEndpoint.ToString(), "--port", postfix.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--mx-limit", "2", "-4", "--no-senders", "--ca-file", ca.RootPemPath, "--json");
        output.WriteLine(stdout + stderr);
        var report = JsonDocument.Parse(stdout).RootElement;

        // Then: mx then mx2, IPv4 only; the name check fails for mx2 only, and says the domain's sub-domain matches
        Assert.Equal(1, exit);
        Assert.Equal(
            [$"mx.mailtls.test[127.0.0.1]:{postfix.Port}: SMTP and TLS facts", $"mx2.mailtls.test[127.0.0.1]:{postfix.Port}: SMTP and TLS facts"],
            Titles(report, "SMTP and TLS facts"));
        var mismatch = report.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("id").GetString() == "cert-name-mismatch").ToList();
        var finding = Assert.Single(mismatch);
        Assert.Equal($"mx2.mailtls.test[127.0.0.1]:{postfix.Port}", finding.GetProperty("affected")[0].GetString());
        Assert.Contains("(match=dot-nexthop)", finding.GetProperty("cause").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_HostWithIpv6Only_ProbesTheAaaaAddress()
    {
        // Given: a certificate valid for a year, so nothing but the address family is in question
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test") with { NotAfter = DateTimeOffset.UtcNow.AddDays(365) });
        await using var postfix = await PostfixInstance.StartAsync(leaf, new PostfixOptions());

        // When: a host with a port is probed as a host (no MX lookup)
        var (exit, stdout, stderr, _) = await CliRun.RunAsync(
            "probe", $"mx.mailtls.test:{postfix.Port}", "--dns", dns.ResolverEndpoint.ToString(), "-6", "--no-senders", "--ca-file", ca.RootPemPath, "--json");
        output.WriteLine(stdout + stderr);
        var report = JsonDocument.Parse(stdout).RootElement;

        // Then
        Assert.Equal(0, exit);
        Assert.Equal([$"mx.mailtls.test[::1]:{postfix.Port}: SMTP and TLS facts"], Titles(report, "SMTP and TLS facts"));
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() != "info");
    }
}
