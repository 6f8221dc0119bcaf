using MailTls.Collectors.Dns;
using MailTls.Collectors.MtaSts;
using MailTls.Core.MtaSts;
using MailTls.IntegrationTests.Dns;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.MtaSts;

/// <summary>The MTA-STS collector against a real validating resolver and a real HTTPS server on loopback.</summary>
public sealed class MtaStsCollectorTests(DnsZoneFixture dns, MtaStsServerFixture server)
    : IClassFixture<DnsZoneFixture>, IClassFixture<MtaStsServerFixture>
{
    [Fact]
    public async Task CollectAsync_GoodDomain_RecordsAndPolicyClean()
    {
        // Given the signed zone's own domain, whose policy host serves a good enforce policy
        // When everything is collected through the resolver and the HTTPS server
        var evidence = await Collector().CollectAsync(MtaStsZone.Good);

        // Then both records parse, the policy is fetched and valid, and it covers every MX host
        Assert.True(evidence.Fetch!.Outcome == MtaStsFetchOutcome.Fetched, evidence.Fetch.Detail + dns.Logs);
        Assert.Equal(DnsZoneFixture.MtaStsTxt.Split("id=")[1].TrimEnd(';'), evidence.Record.Record!.Id);
        Assert.Equal("mailto:tlsrpt@mailtls.test", evidence.TlsRpt.Record!.ReportUris.Single().OriginalString);
        Assert.Empty(evidence.Policy!.Problems);
        Assert.Equal(MtaStsMode.Enforce, evidence.Policy.Policy!.Mode);
        Assert.Equal(3, evidence.Mx!.Hosts.Count);
        Assert.All(evidence.Mx.Hosts, h => Assert.True(evidence.Policy.Policy.Covers(h.Exchange), h.Exchange));
        Assert.Equal("127.0.0.1:" + server.Port, evidence.Fetch.Endpoint);
    }

    [Theory]
    [InlineData(MtaStsZone.Redirect, MtaStsFetchOutcome.Redirect, "301")]
    [InlineData(MtaStsZone.ContentType, MtaStsFetchOutcome.WrongContentType, "text/html")]
    [InlineData(MtaStsZone.Huge, MtaStsFetchOutcome.TooLarge, "more than 65536 bytes")]
    [InlineData(MtaStsZone.Slow, MtaStsFetchOutcome.Timeout, "reading the response body")]
    [InlineData(MtaStsZone.Stall, MtaStsFetchOutcome.Timeout, "waiting for the response headers")]
    [InlineData(MtaStsZone.Missing, MtaStsFetchOutcome.HttpStatus, "404")]
    [InlineData(MtaStsZone.BadCertificate, MtaStsFetchOutcome.CertificateInvalid, "is not valid for mta-sts.badcert.mailtls.test")]
    [InlineData(MtaStsZone.Expired, MtaStsFetchOutcome.CertificateInvalid, "expired")]
    [InlineData(MtaStsZone.NoHost, MtaStsFetchOutcome.NameNotResolved, "no A or AAAA record")]
    public async Task FetchPolicyAsync_BrokenServer_TypedOutcome(string label, MtaStsFetchOutcome expected, string detail)
    {
        // Given a policy host that breaks one rule of RFC 8461 section 3.3
        var started = System.Diagnostics.Stopwatch.StartNew();

        // When the policy is fetched
        var fetch = await Collector().FetchPolicyAsync(MtaStsZone.Domain(label));

        // Then the outcome names the rule, no body is kept, and the fetch stayed within its deadlines
        Assert.True(fetch.Outcome == expected, $"{fetch.Outcome}: {fetch.Detail}");
        Assert.Contains(detail, fetch.Detail, StringComparison.Ordinal);
        Assert.Null(fetch.Body);
        Assert.True(started.Elapsed < MtaStsServerFixture.Timeout * 4, started.Elapsed.ToString());
    }

    [Fact]
    public async Task FetchPolicyAsync_Redirect_NotFollowed()
    {
        // Given a policy host that redirects to a working one
        // When the policy is fetched
        var fetch = await Collector().FetchPolicyAsync(MtaStsZone.Domain(MtaStsZone.Redirect));

        // Then the Location is recorded and never requested
        Assert.Contains("?followed", fetch.Location, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Contains("?followed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchPolicyAsync_UntrustedCa_CertificateInvalid()
    {
        // Given the real server, but no test root: the system roots do not know the test CA
        var collector = new MtaStsCollector(Dns(), server.CollectorOptions with { ExtraTrustRoots = [] });

        // When the policy is fetched
        var fetch = await collector.FetchPolicyAsync(MtaStsZone.Good);

        // Then PKIX validation fails and the policy is not used
        Assert.Equal(MtaStsFetchOutcome.CertificateInvalid, fetch.Outcome);
        Assert.Contains("does not validate", fetch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchPolicyAsync_NothingListening_ConnectFailed()
    {
        // Given a port on 127.0.0.1 where nothing listens
        var port = FreePort.GetForTcpAndUdp(exclude: server.Port);
        var collector = new MtaStsCollector(Dns(), server.CollectorOptions with { Port = port });

        // When the policy is fetched
        var fetch = await collector.FetchPolicyAsync(MtaStsZone.Good);

        // Then the connection failure is the outcome
        Assert.True(fetch.Outcome == MtaStsFetchOutcome.ConnectFailed, fetch.Detail);
    }

    private DnsCollector Dns() => new(new DnsCollectorOptions { Server = dns.ResolverEndpoint, Timeout = TimeSpan.FromSeconds(2) });

    private MtaStsCollector Collector() => new(Dns(), server.CollectorOptions);
}
