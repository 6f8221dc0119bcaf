using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailTls.Collectors.Dns;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;
using MailTls.IntegrationTests.Fixtures;

namespace MailTls.IntegrationTests.Dns;

public sealed class DnsCollectorTests(DnsZoneFixture dns) : IClassFixture<DnsZoneFixture>
{
    private DnsCollector Collector() => new(new DnsCollectorOptions { Server = dns.ResolverEndpoint, Timeout = TimeSpan.FromSeconds(2) });

    [Fact]
    public async Task QueryTlsaAsync_SignedZone_SecureAndMatchesCurrentChain()
    {
        // Given the validating resolver and a host whose TLSA records were made for the current chain
        var collector = Collector();

        // When its TLSA RRset is asked for
        var answer = await collector.QueryTlsaAsync(DnsZoneFixture.MatchingHost, 25);

        // Then it is Secure, holds 3 1 1 and 2 1 1, and matches the chain
        Assert.True(answer.Succeeded, answer.Failure?.Message + dns.Logs);
        Assert.Equal(DnssecStatus.Secure, answer.Dnssec);
        Assert.Equal("_25._tcp.mx.mailtls.test.", answer.Name);
        Assert.Equal(TlsaCalculator.RecordsToPublish(dns.CurrentChain).ToHashSet(), answer.Records.ToHashSet());
        Assert.Equal(TlsaOutcome.Match, TlsaMatcher.Match(answer.Records, dns.CurrentChain).Outcome);
        Assert.Equal(TimeSpan.FromSeconds(DnsZoneFixture.Ttl), answer.Ttl);
    }

    [Fact]
    public async Task QueryTlsaAsync_StaleRecords_SecureButMismatch()
    {
        // Given a host whose TLSA records still describe the previous certificate (scenario 4)
        var collector = Collector();

        // When its TLSA RRset is asked for and matched against the chain served today
        var answer = await collector.QueryTlsaAsync(DnsZoneFixture.StaleHost, 25);
        var result = TlsaMatcher.Match(answer.Records, dns.CurrentChain);

        // Then the records are authentic and none matches, while the previous chain would have
        Assert.Equal(DnssecStatus.Secure, answer.Dnssec);
        Assert.Equal(2, answer.Records.Count);
        Assert.Equal(TlsaOutcome.Mismatch, result.Outcome);
        Assert.Equal(TlsaOutcome.Match, TlsaMatcher.Match(answer.Records, dns.PreviousChain).Outcome);
    }

    [Fact]
    public async Task QueryTlsaAsync_OwnerIsCname_FollowsChainAndStaysSecure()
    {
        // Given a host whose _25._tcp name is a CNAME to a shared TLSA RRset (RFC 7671 section 7)
        var collector = Collector();

        // When its TLSA RRset is asked for
        var answer = await collector.QueryTlsaAsync(DnsZoneFixture.CnameHost, 25);

        // Then the record at the CNAME target is found, the chain is reported, and it is Secure
        Assert.True(answer.Succeeded, answer.Failure?.Message);
        Assert.Equal(["_dane-shared.mailtls.test."], answer.CnameChain);
        Assert.Equal("_dane-shared.mailtls.test.", answer.CanonicalName);
        Assert.Equal(DnssecStatus.Secure, answer.Dnssec);
        Assert.Equal([TlsaCalculator.Compute(dns.CurrentChain[0])], answer.Records);
    }

    [Fact]
    public async Task QueryTlsaAsync_PkixUsage_NoUsableRecords()
    {
        // Given a host with only a PKIX-EE(1) record
        var collector = Collector();

        // When its TLSA RRset is asked for and matched
        var answer = await collector.QueryTlsaAsync(DnsZoneFixture.PkixHost, 25);

        // Then SMTP cannot use it (RFC 7672 section 3.1.3)
        Assert.Equal(TlsaCertificateUsage.PkixEe, Assert.Single(answer.Records).Usage);
        Assert.Equal(TlsaOutcome.NoUsableRecords, TlsaMatcher.Match(answer.Records, dns.CurrentChain).Outcome);
    }

    [Fact]
    public async Task QueryTlsaAsync_UnsignedZone_Insecure()
    {
        // Given a zone the resolver knows to be unsigned
        var collector = Collector();

        // When a TLSA RRset in it is asked for
        var answer = await collector.QueryTlsaAsync("mx." + DnsZoneFixture.InsecureZone, 25);

        // Then the records come back Insecure: a DANE sender must ignore them (RFC 7672 section 2.2)
        Assert.True(answer.Succeeded, answer.Failure?.Message);
        Assert.Single(answer.Records);
        Assert.Equal(DnssecStatus.Insecure, answer.Dnssec);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("TLSA")]
    public async Task Query_TamperedSignature_BogusFailure(string type)
    {
        // Given a zone whose data was changed after signing
        var collector = Collector();
        const string host = "mx." + DnsZoneFixture.BogusZone;

        // When a record in it is asked for
        var failure = type == "A"
            ? await collector.QueryAddressesAsync(host, AddressFamily.InterNetwork)
                .ContinueWith(t => (t.Result.Status, t.Result.Dnssec, t.Result.Failure, Count: t.Result.Records.Count), TaskScheduler.Default)
            : await collector.QueryTlsaAsync(host, 25)
                .ContinueWith(t => (t.Result.Status, t.Result.Dnssec, t.Result.Failure, Count: t.Result.Records.Count), TaskScheduler.Default);

        // Then the resolver's SERVFAIL is reported as Bogus, with no records
        Assert.Equal(DnsResponseStatus.ServerFailure, failure.Status);
        Assert.Equal(DnssecStatus.Bogus, failure.Dnssec);
        Assert.Equal(FailureReason.ServerError, failure.Failure?.Reason);
        Assert.Contains("bogus", failure.Failure?.Message, StringComparison.Ordinal);
        Assert.Equal(0, failure.Count);
    }

    [Fact]
    public async Task QueryAddressesAsync_NonexistentName_NxDomainSecure()
    {
        // Given a name that does not exist in the signed zone
        var collector = Collector();

        // When its address is asked for
        var answer = await collector.QueryAddressesAsync("nothing-here." + DnsZoneFixture.Zone, AddressFamily.InterNetwork);

        // Then the answer is an authenticated NXDOMAIN, not a failure
        Assert.True(answer.Succeeded);
        Assert.Equal(DnsResponseStatus.NxDomain, answer.Status);
        Assert.Equal(DnssecStatus.Secure, answer.Dnssec);
        Assert.Empty(answer.Records);
    }

    [Fact]
    public async Task QueryAddressesAsync_BothFamilies_LoopbackAddresses()
    {
        // Given the MX host
        var collector = Collector();

        // When its A and AAAA records are asked for
        var v4 = await collector.QueryAddressesAsync(DnsZoneFixture.MatchingHost, AddressFamily.InterNetwork);
        var v6 = await collector.QueryAddressesAsync(DnsZoneFixture.MatchingHost, AddressFamily.InterNetworkV6);

        // Then they are the loopback addresses, Secure
        Assert.Equal([IPAddress.Loopback], v4.Records);
        Assert.Equal([IPAddress.IPv6Loopback], v6.Records);
        Assert.Equal(DnssecStatus.Secure, v6.Dnssec);
    }

    [Fact]
    public async Task QueryTxtAsync_MtaStsAndTlsRpt_ConcatenatesStrings()
    {
        // Given the _mta-sts and _smtp._tls records (the latter split into two character-strings)
        var collector = Collector();

        // When they are asked for
        var sts = await collector.QueryTxtAsync("_mta-sts." + DnsZoneFixture.Zone);
        var rpt = await collector.QueryTxtAsync("_smtp._tls." + DnsZoneFixture.Zone);

        // Then each record reads as one string (RFC 8461 section 3.1, RFC 8460 section 3)
        Assert.Equal([DnsZoneFixture.MtaStsTxt], sts.Records);
        Assert.Equal([DnsZoneFixture.TlsRptTxt], rpt.Records);
        Assert.Equal(DnssecStatus.Secure, rpt.Dnssec);
    }

    [Fact]
    public async Task ResolveMailHostsAsync_MxRecords_SortedByPreference()
    {
        // Given a domain with three MX records
        var collector = Collector();

        // When its mail hosts are resolved
        var resolution = await collector.ResolveMailHostsAsync(DnsZoneFixture.Zone);

        // Then they come in preference order
        Assert.Equal(MxResolutionKind.Mx, resolution.Kind);
        Assert.Equal(
            [DnsZoneFixture.MatchingHost, DnsZoneFixture.CnameHost, DnsZoneFixture.StaleHost],
            resolution.Hosts.Select(h => h.Exchange));
        Assert.Equal(DnssecStatus.Secure, resolution.Mx.Dnssec);
    }

    [Fact]
    public async Task ResolveMailHostsAsync_NullMx_NoHosts()
    {
        // Given a domain that publishes "MX 0 ." (RFC 7505)
        var collector = Collector();

        // When its mail hosts are resolved
        var resolution = await collector.ResolveMailHostsAsync(DnsZoneFixture.NullMxDomain);

        // Then it accepts no mail
        Assert.Equal(MxResolutionKind.NullMx, resolution.Kind);
        Assert.Empty(resolution.Hosts);
        Assert.True(Assert.Single(resolution.Mx.Records).IsNullMx);
    }

    [Fact]
    public async Task ResolveMailHostsAsync_NoMxButAddress_ImplicitMx()
    {
        // Given a domain with an A record and no MX
        var collector = Collector();

        // When its mail hosts are resolved
        var resolution = await collector.ResolveMailHostsAsync(DnsZoneFixture.ImplicitMxDomain);

        // Then the domain is its own mail host (RFC 5321 section 5.1)
        Assert.Equal(MxResolutionKind.ImplicitMx, resolution.Kind);
        Assert.Equal([new MxHost(0, DnsZoneFixture.ImplicitMxDomain)], resolution.Hosts);
        Assert.Equal([IPAddress.Loopback], resolution.Addresses[0].Records);
    }

    [Fact]
    public async Task ResolveMailHostsAsync_NonexistentDomain_NoMailHost()
    {
        // Given a domain that does not exist
        var collector = Collector();

        // When its mail hosts are resolved
        var resolution = await collector.ResolveMailHostsAsync("absent." + DnsZoneFixture.Zone);

        // Then there is no mail host and no failure
        Assert.Equal(MxResolutionKind.NoMailHost, resolution.Kind);
        Assert.Equal(DnsResponseStatus.NxDomain, resolution.Mx.Status);
    }

    [Fact]
    public async Task QueryTlsaAsync_ClosedPort_FailsWithinDeadline()
    {
        // Given a resolver address where nothing listens
        var closed = new IPEndPoint(IPAddress.Loopback, FreePort.GetForTcpAndUdp(exclude: dns.ResolverEndpoint.Port));
        var collector = new DnsCollector(new DnsCollectorOptions { Server = closed, Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 });

        // When a TLSA RRset is asked for
        var clock = Stopwatch.StartNew();
        var answer = await collector.QueryTlsaAsync(DnsZoneFixture.MatchingHost, 25);
        clock.Stop();

        // Then a typed failure comes back, well within the deadline, naming the resolver
        Assert.False(answer.Succeeded);
        Assert.Equal(DnsResponseStatus.NoResponse, answer.Status);
        Assert.Equal(DnssecStatus.Indeterminate, answer.Dnssec);
        Assert.Equal(FailureReason.Timeout, answer.Failure!.Reason);
        Assert.Contains(closed.ToString(), answer.Failure.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task QueryTlsaAsync_AdBitNotTrusted_Indeterminate()
    {
        // Given a collector told not to believe the resolver's AD bit
        var collector = new DnsCollector(new DnsCollectorOptions { Server = dns.ResolverEndpoint, TrustAdBit = false });

        // When a signed RRset is asked for
        var answer = await collector.QueryTlsaAsync(DnsZoneFixture.MatchingHost, 25);

        // Then its status is Indeterminate, not Secure
        Assert.True(answer.Succeeded);
        Assert.Equal(DnssecStatus.Indeterminate, answer.Dnssec);
        Assert.False(collector.TrustsAdBit);
    }

    [Fact]
    public async Task QueryTlsaAsync_AuthoritativeServerDirectly_NotSecure()
    {
        // Given the authoritative server, which does not validate and never sets AD for us
        var collector = new DnsCollector(new DnsCollectorOptions { Server = dns.AuthoritativeEndpoint });

        // When a signed RRset is asked for
        var answer = await collector.QueryTlsaAsync(DnsZoneFixture.MatchingHost, 25);

        // Then the records arrive but are not reported Secure
        Assert.Equal(2, answer.Records.Count);
        Assert.NotEqual(DnssecStatus.Secure, answer.Dnssec);
    }

    [Fact]
    public async Task LookupDaneTlsaAsync_HostIsSecureCname_UsesExpandedNameAsBaseDomain()
    {
        // Given an MX host name that is a CNAME to a host with TLSA records, and none of its own
        var collector = Collector();

        // When the TLSA records are found the way a DANE sender finds them
        var lookup = await collector.LookupDaneTlsaAsync(DnsZoneFixture.AliasHost, 25);

        // Then the expanded name is the TLSA base domain (RFC 7672 section 2.2.2)
        Assert.True(lookup.DaneApplies);
        Assert.Equal(DnsZoneFixture.MatchingHost, lookup.BaseDomain);
        Assert.Equal(2, lookup.Tlsa!.Records.Count);
        Assert.Equal(DnssecStatus.Secure, lookup.Tlsa.Dnssec);
    }

    [Fact]
    public async Task LookupDaneTlsaAsync_PlainHost_UsesHostName()
    {
        // Given an MX host with its own TLSA records
        var collector = Collector();

        // When the TLSA records are found
        var lookup = await collector.LookupDaneTlsaAsync(DnsZoneFixture.StaleHost, 25);

        // Then they are the host's own
        Assert.Equal(DnsZoneFixture.StaleHost, lookup.BaseDomain);
        Assert.Equal(2, lookup.Tlsa!.Records.Count);
    }

    [Fact]
    public async Task LookupDaneTlsaAsync_InsecureAddress_DaneDoesNotApply()
    {
        // Given an MX host in an unsigned zone (it has a TLSA record, which senders must ignore)
        var collector = Collector();

        // When the TLSA records are looked for
        var lookup = await collector.LookupDaneTlsaAsync("mx." + DnsZoneFixture.InsecureZone, 25);

        // Then no TLSA lookup is made: the address records are not secure (RFC 7672 section 2.2.1)
        Assert.False(lookup.DaneApplies);
        Assert.Null(lookup.BaseDomain);
        Assert.Equal(DnssecStatus.Insecure, lookup.Addresses.Dnssec);
    }
}
