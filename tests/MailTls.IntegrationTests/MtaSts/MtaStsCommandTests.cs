using System.Text.Json;
using MailTls.IntegrationTests.Dns;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.MtaSts;

/// <summary><c>mailtls mta-sts</c> end to end: knot and unbound for DNS, Kestrel for the policies, all on loopback.</summary>
public sealed class MtaStsCommandTests(DnsZoneFixture dns, MtaStsServerFixture server)
    : IClassFixture<DnsZoneFixture>, IClassFixture<MtaStsServerFixture>
{
    [Fact]
    public async Task MtaSts_GoodDomain_Clean()
    {
        // Given a domain with valid records and a good enforce policy covering its MX hosts
        // When mailtls mta-sts checks it through the resolver
        var run = await RunAsync(MtaStsZone.Good);

        // Then the report is clean and shows the fetched policy
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr + dns.Logs);
        Assert.Empty(FindingIds(run.Stdout));
        Assert.Contains("mode enforce, max_age 604800, mx *.mailtls.test", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MtaStsZone.Testing, "mta-sts-testing-mode", 0)]
    [InlineData(MtaStsZone.Redirect, "mta-sts-policy-unreachable", 1)]
    [InlineData(MtaStsZone.ContentType, "mta-sts-policy-unreachable", 1)]
    [InlineData(MtaStsZone.Huge, "mta-sts-policy-unreachable", 1)]
    [InlineData(MtaStsZone.Slow, "mta-sts-policy-unreachable", 1)]
    [InlineData(MtaStsZone.Stall, "mta-sts-policy-unreachable", 1)]
    [InlineData(MtaStsZone.Missing, "mta-sts-policy-unreachable", 1)]
    [InlineData(MtaStsZone.BadCertificate, "mta-sts-policy-unreachable", 1)]
    [InlineData(MtaStsZone.Expired, "mta-sts-policy-unreachable", 1)]
    [InlineData(MtaStsZone.NoHost, "mta-sts-policy-unreachable", 1)]
    [InlineData(MtaStsZone.Syntax, "mta-sts-policy-invalid", 1)]
    [InlineData(MtaStsZone.Uncovered, "mta-sts-mx-not-covered", 1)]
    public async Task MtaSts_BrokenCase_ItsFinding(string label, string id, int exitCode)
    {
        // Given a test domain whose DNS or policy server breaks one rule
        // When mailtls mta-sts checks it
        var run = await RunAsync(MtaStsZone.Domain(label));

        // Then exactly that finding is reported, and the exit code follows its severity
        Assert.True(FindingIds(run.Stdout).SequenceEqual([id]), run.Stdout + run.Stderr);
        Assert.Equal(exitCode, run.ExitCode);
    }

    [Fact]
    public async Task MtaSts_BadRecords_RecordFindingsWithLinesToPublish()
    {
        // Given a domain whose _mta-sts id has hyphens and whose TLS-RPT destination is ftp:
        // When mailtls mta-sts checks it
        var run = await RunAsync(MtaStsZone.Domain(MtaStsZone.BadRecords));

        // Then both record findings are reported, each with a TXT record to publish
        Assert.Equal(["mta-sts-record-invalid", "tlsrpt-record-invalid"], FindingIds(run.Stdout).Order(StringComparer.Ordinal));
        Assert.Contains("_smtp._tls.badrecord.mailtls.test. IN TXT \\u0022v=TLSRPTv1; rua=mailto:tlsrpt@badrecord.mailtls.test\\u0022", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MtaSts_Uncovered_FixAddsTheMxLine()
    {
        // Given a domain whose enforce policy names mx.mailtls.test but whose MX also lists stale.mailtls.test
        // When mailtls mta-sts checks it, for the terminal
        var run = await RunAsync(MtaStsZone.Domain(MtaStsZone.Uncovered), json: false);

        // Then the terminal names the host, and the fix is the policy with an mx: line for it
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("stale.mailtls.test", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("mx: stale.mailtls.test", run.Terminal, StringComparison.Ordinal);
        Assert.Contains("mx: mx.mailtls.test", run.Terminal, StringComparison.Ordinal);
    }

    private Task<CliRun> RunAsync(string domain, bool json = true)
    {
        string[] args = ["mta-sts", domain, "--dns", dns.ResolverEndpoint.ToString(), "--timeout", MtaStsServerFixture.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-color"];
        return CliRun.RunAsync(host => host with { MtaSts = server.CollectorOptions }, json ? [.. args, "--json"] : args);
    }

    private static List<string> FindingIds(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];
    }
}
