using System.Text.Json.Nodes;
using MailTls.IntegrationTests.Dns;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>mailtls policy with MX hosts looked up live through a real validating resolver on loopback.</summary>
public sealed class PolicyCommandDnsTests(DnsZoneFixture dns) : IClassFixture<DnsZoneFixture>, IDisposable
{
    private readonly DirectoryInfo _config = Directory.CreateTempSubdirectory("mailtls-policy-dns-");

    public void Dispose() => _config.Delete(recursive: true);

    [Fact]
    public async Task Policy_SecureDestination_MxFromDnsAllVerified()
    {
        // Given a secure policy for the signed test zone, the root CA of its MX certificate, and no --mx
        var chain = dns.CurrentChain;
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "main.cf"),
            "smtp_tls_security_level = may\nsmtp_tls_policy_maps = texthash:$config_directory/tls_policy\nsmtp_tls_CAfile = $config_directory/ca.pem\n");
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "master.cf"), "smtp unix - - n - - smtp\n");
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "tls_policy"), "mailtls.test secure\n");
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "ca.pem"), dns.CurrentRoot.ExportCertificatePem() + "\n");
        var cert = Path.Combine(_config.FullName, "served.pem");
        await File.WriteAllTextAsync(cert, chain[0].ExportCertificatePem() + "\n" + chain[1].ExportCertificatePem() + "\n");

        // When mailtls policy looks the MX hosts up through the resolver
        var run = await CliRun.RunAsync(
            "policy", "mailtls.test", "--config-dir", _config.FullName, "--postfix-version", "3.7.11", "--openssl", "3.0.15",
            "--dns", dns.ResolverEndpoint.ToString(), "--cert", cert, "--json");

        // Then every MX host of the zone, in preference order, is judged, and mx.mailtls.test is Verified by dot-nexthop
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr + dns.Logs);
        var decision = JsonNode.Parse(run.Stdout)!["inputs"]!.AsArray()
            .Single(i => i!["kind"]!.GetValue<string>() == "decision")!["origin"]!.GetValue<string>();
        Assert.Contains("mx.mailtls.test: Verified", decision, StringComparison.Ordinal);
        Assert.True(decision.IndexOf("mx.mailtls.test", StringComparison.Ordinal) < decision.IndexOf("mx2.mailtls.test", StringComparison.Ordinal), decision);
    }

    [Fact]
    public async Task Policy_SevenMxHosts_EvaluatesOnlyTheFirstFive()
    {
        // Given a domain with seven MX hosts in the signed zone
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "main.cf"), "smtp_tls_security_level = may\n");
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "master.cf"), "smtp unix - - n - - smtp\n");

        // When mailtls policy looks them up through the resolver
        var run = await CliRun.RunAsync(
            "policy", DnsZoneFixture.ManyMxDomain.TrimEnd('.'), "--config-dir", _config.FullName, "--postfix-version", "3.7.11", "--openssl", "3.0.15",
            "--dns", dns.ResolverEndpoint.ToString(), "--json");

        // Then the five most preferred are evaluated, in order, and the report says two were left out and why
        var decision = JsonNode.Parse(run.Stdout)!["inputs"]!.AsArray()
            .Single(i => i!["kind"]!.GetValue<string>() == "decision")!["origin"]!.GetValue<string>();
        Assert.Contains("servers m1.many.mailtls.test, m2.many.mailtls.test, m3.many.mailtls.test, m4.many.mailtls.test, m5.many.mailtls.test (the first 5 of 7 MX hosts", decision, StringComparison.Ordinal);
        Assert.DoesNotContain("m6.many", decision, StringComparison.Ordinal);
        Assert.DoesNotContain("m7.many", decision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_UnreachableResolver_ReportsSourceUnavailable()
    {
        // Given a resolver address where nothing listens
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "main.cf"), "smtp_tls_security_level = may\n");
        using var closed = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)closed.Client.LocalEndPoint!).Port;
        closed.Close();

        // When the MX lookup has to go there
        var run = await CliRun.RunAsync(
            "policy", "mailtls.test", "--config-dir", _config.FullName, "--postfix-version", "3.7.11", "--openssl", "3.0.15",
            "--dns", $"127.0.0.1:{port}", "--timeout", "1", "--json");

        // Then the report says the DNS source could not be read, within the deadline
        var ids = JsonNode.Parse(run.Stdout)!["findings"]!.AsArray().Select(f => f!["id"]!.GetValue<string>());
        Assert.Contains("source-unavailable", ids);
    }
}
