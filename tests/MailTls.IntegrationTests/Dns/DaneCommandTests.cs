using MailTls.Tests;
using Xunit;
using System.Text.Json;
using MailTls.Core.Dns;

namespace MailTls.IntegrationTests.Dns;

public sealed class DaneCommandTests(DnsZoneFixture dns) : IClassFixture<DnsZoneFixture>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mailtls-dane-it-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Dane_LiveModeWithNoServerListening_ExitsTargetUnreachable()
    {
        // Given a host whose addresses resolve but where nothing listens on the port
        var port = MailTls.IntegrationTests.Fixtures.FreePort.GetOnAll([System.Net.IPAddress.Loopback, System.Net.IPAddress.IPv6Loopback]);

        // When mailtls dane reads the live chain
        var run = await RunAsync("dane", "--host", DnsZoneFixture.StaleHost, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dns", dns.ResolverEndpoint.ToString(), "--no-color");

        // Then monitoring can tell "no server" (3) from "records mismatch" (1)
        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: " + run.Stdout + run.Terminal + run.Stderr);
    }

    [Fact]
    public async Task Dane_StaleRecordsPublished_RolloverUnsafeWithRecordsToPublish()
    {
        // Given the current certificate files and a signed zone whose TLSA still describes the previous ones (scenario 4)
        var (cert, chain) = WriteCurrentChain();

        // When mailtls dane checks the files against the live records through the validating resolver
        var run = await RunAsync("dane", "--cert", cert, "--chain", chain, "--host", DnsZoneFixture.StaleHost, "--dns", dns.ResolverEndpoint.ToString(), "--no-color");

        // Then the published records are Secure, match none of the files, and the exact records to publish are given
        Assert.True(run.ExitCode == 1, run.Stdout + run.Terminal + run.Stderr + dns.Logs);
        Assert.Contains("(DNSSEC: secure, TTL 300 s)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("matches none of these files", run.Stdout, StringComparison.Ordinal);
        foreach (var record in TlsaCalculator.RecordsToPublish(dns.CurrentChain))
        {
            Assert.Contains(record.ToZoneLine("_25._tcp.stale.mailtls.test.", 300), run.Stdout, StringComparison.Ordinal);
            Assert.Contains(record.ToZoneLine("_25._tcp.stale.mailtls.test.", 300), run.Terminal, StringComparison.Ordinal);
        }

        Assert.Contains("dane-rollover-unsafe", run.Terminal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dane_NewRecordsPublished_SameRunIsClean()
    {
        // Given a host with stale records, where the run first finds the problem
        var (cert, chain) = WriteCurrentChain();
        string[] args = ["dane", "--cert", cert, "--chain", chain, "--host", DnsZoneFixture.RenewedHost, "--dns", dns.ResolverEndpoint.ToString(), "--json"];
        var before = await RunAsync(args);
        Assert.Equal(["dane-rollover-unsafe"], FindingIds(before.Stdout));

        // When the records mailtls asked for are published beside the old ones (knotc, signed by knotd)
        await dns.PublishAsync("_25._tcp." + DnsZoneFixture.RenewedHost, TlsaCalculator.RecordsToPublish(dns.CurrentChain));
        var after = await RunAsync(args);

        // Then the same run is clean
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr + dns.Logs);
        Assert.Empty(FindingIds(after.Stdout));
    }

    [Theory]
    [InlineData(DnsZoneFixture.MatchingHost)]
    [InlineData(DnsZoneFixture.CnameHost)]
    [InlineData(DnsZoneFixture.AliasHost)]
    public async Task Dane_RecordsMatchFiles_Clean(string host)
    {
        // Given the current files and a host whose records (directly or through a CNAME) describe them
        var (cert, chain) = WriteCurrentChain();

        // When mailtls dane checks them
        var run = await RunAsync("dane", "--cert", cert, "--chain", chain, "--host", host, "--dns", dns.ResolverEndpoint.ToString());

        // Then nothing is wrong
        Assert.True(run.ExitCode == 0, run.Stdout + run.Terminal + run.Stderr);
        Assert.Contains("3 1 1 " + TlsaCalculator.Compute(dns.CurrentChain[0]).AssociationDataHex + "  matches the leaf", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dane_BogusZone_DnssecBogusFinding()
    {
        // Given a host in a zone whose signatures do not validate
        var (cert, chain) = WriteCurrentChain();

        // When mailtls dane looks its records up
        var run = await RunAsync("dane", "--cert", cert, "--chain", chain, "--host", "mx." + DnsZoneFixture.BogusZone, "--dns", dns.ResolverEndpoint.ToString(), "--json");

        // Then the finding is dane-dnssec-bogus, critical
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["dane-dnssec-bogus"], FindingIds(run.Stdout));
    }

    [Fact]
    public async Task Dane_InsecureZone_DnssecInsecureFinding()
    {
        // Given a host in an unsigned zone that publishes a TLSA record
        var (cert, chain) = WriteCurrentChain();

        // When mailtls dane looks its records up
        var run = await RunAsync("dane", "--cert", cert, "--chain", chain, "--host", "mx." + DnsZoneFixture.InsecureZone, "--dns", dns.ResolverEndpoint.ToString(), "--json");

        // Then the finding says the records are ignored because they are not signed
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["dane-dnssec-insecure"], FindingIds(run.Stdout));
    }

    private static List<string> FindingIds(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];
    }

    private (string Cert, string Chain) WriteCurrentChain()
    {
        var cert = Path.Combine(directory, "cert.pem");
        var chain = Path.Combine(directory, "chain.pem");
        File.WriteAllText(cert, dns.CurrentChain[0].ExportCertificatePem() + "\n");
        File.WriteAllText(chain, dns.CurrentChain[1].ExportCertificatePem() + "\n");
        return (cert, chain);
    }

    private static Task<CliRun> RunAsync(params string[] args) =>
        CliRun.RunAsync(args);
}
