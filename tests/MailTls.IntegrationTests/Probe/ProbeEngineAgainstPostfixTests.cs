using System.Net;
using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.Core.Profiles;
using MailTls.Core.Tls;
using MailTls.Diagnosis;
using MailTls.IntegrationTests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace MailTls.IntegrationTests.Probe;

/// The probe engine against real Postfix instances: what it reports must be what the
/// configuration says the server accepts.
public sealed class ProbeEngineAgainstPostfixTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static TlsProbeEngine Engine(TestCa? ca = null, bool senders = false) => new(new TlsProbeOptions
    {
        EhloName = "probe.mailtls.test",
        ConnectTimeout = Deadline,
        ReplyTimeout = Deadline,
        HandshakeTimeout = Deadline,
        TrustAnchors = ca is null ? null : [ca.Root],
        SimulateSenders = senders,
        // Every hello is sent: SenderPredictionAgainstPostfixTests checks the predictions against these answers.
        ReplayAllSenders = senders,
    });

    private static ProbeEndpoint Endpoint(PostfixInstance postfix, bool implicitTls = false, int? port = null) =>
        new(postfix.Options.HostName, IPAddress.Loopback, port ?? postfix.Port, implicitTls);

    private void Show(TlsProbeResult result)
    {
        foreach (var protocol in result.Protocols)
        {
            output.WriteLine($"{protocol.Version} {protocol.Accepted} {protocol.Order} {protocol.Detail}: {string.Join(' ', protocol.Suites.Select(s => s.Suite.DisplayName))}");
        }

        output.WriteLine($"groups {string.Join(' ', result.Groups)}; counts {result.Counts}");
        foreach (var failure in result.Failures)
        {
            output.WriteLine($"failure: {failure.Message}");
        }
    }

    [Fact]
    public async Task ProbeAsync_PrunedServerOrderedCipherList_ReportsExactlyThoseSuitesInServerOrder()
    {
        // Given: Postfix at level may with a two-suite medium list it enforces (tls_preempt_cipherlist)
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MainCf["tls_medium_cipherlist"] = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384";
        options.MainCf["tls_preempt_cipherlist"] = "yes";
        options.MainCf["smtpd_tls_protocols"] = ">=TLSv1.2";
        await using var postfix = await PostfixInstance.StartAsync(leaf, options);

        // When
        var result = await Engine(ca).ProbeAsync(Endpoint(postfix));
        Show(result);

        // Then
        Assert.Equal(SmtpVerdict.TlsReady, result.Smtp!.Verdict);
        Assert.Equal([TlsProtocolVersion.Tls12, TlsProtocolVersion.Tls13], result.AcceptedVersions);
        var tls12 = result.Protocols.Single(p => p.Version == TlsProtocolVersion.Tls12);
        Assert.Equal(["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-RSA-AES256-GCM-SHA384"], tls12.Suites.Select(s => s.Suite.OpenSslName));
        Assert.Equal(SuiteOrder.Server, tls12.Order);
        Assert.All(result.Protocols.Where(p => p.Version < TlsProtocolVersion.Tls12), p => Assert.False(p.Accepted));
        var chain = Assert.Single(result.Chains);
        Assert.Equal("RSA", chain.KeyType);
        Assert.Equal(ChainTrust.Trusted, chain.Trust);
        Assert.Equal(leaf.Certificate.RawData, chain.Certificates[0].RawData);
        Assert.False(result.CompressionAccepted);
        Assert.True(result.SecureRenegotiation);
        Assert.True(result.FallbackScsvHonoured);
        Assert.Contains(TlsNamedGroup.X25519, result.Groups);
        Assert.Equal(result.Counts.TcpConnections, result.Counts.Handshakes);
    }

    [Fact]
    public async Task ProbeAsync_Tls12FloorAndChaChaOnly_NamesTheRealSendersThatCannotGetThrough()
    {
        // Given: TLS 1.2 and later only, and one TLS 1.2 suite that OpenSSL 1.0.2 never had
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MainCf["smtpd_tls_protocols"] = ">=TLSv1.2";
        options.MainCf["tls_medium_cipherlist"] = "ECDHE-RSA-CHACHA20-POLY1305";
        await using var postfix = await PostfixInstance.StartAsync(leaf, options);

        // When: every sender's recorded hello is replayed, and the findings are drawn
        var result = await Engine(ca, senders: true).ProbeAsync(Endpoint(postfix));
        var findings = Diagnoser.Diagnose(new EvidenceSet { Probes = [result], CollectedAt = DateTimeOffset.UtcNow });
        foreach (var sender in result.Senders)
        {
            output.WriteLine($"{sender.ProfileId}: {sender.Outcome} {sender.Version} {sender.Suite?.DisplayName} {sender.Detail}");
        }

        // Then
        string NameOf(string id) => SenderProfileCatalog.All.Single(p => p.Id == id).Name;
        var postfix37 = result.Senders.Single(s => s.ProfileId == "postfix-3.7-debian12-may");
        Assert.True(postfix37.Negotiated);
        Assert.Equal(TlsProtocolVersion.Tls13, postfix37.Version);
        var openssl102 = result.Senders.Single(s => s.ProfileId == "openssl-1.0.2-library-default");
        Assert.False(openssl102.Negotiated);
        Assert.Equal(HelloOutcomeKind.Alert, openssl102.Outcome);
        var floor = findings.Single(f => f.Id.Value == "inbound-protocol-floor");
        Assert.Contains(NameOf("openssl-0.9.8y-library-default"), floor.Affected);
        Assert.DoesNotContain(NameOf("openssl-1.0.2-library-default"), floor.Affected);
        var cannot = findings.Single(f => f.Id.Value == "sender-cannot-negotiate");
        Assert.Contains(NameOf("openssl-1.0.2-library-default"), cannot.Affected);
        Assert.DoesNotContain(NameOf("postfix-3.7-debian12-may"), cannot.Affected);

        // And Microsoft 365, whose published suites hold no CHACHA20, cannot negotiate either, on a synthesised hello the evidence names
        var microsoft = result.Senders.Single(s => s.ProfileId == "derived-microsoft365-published");
        Assert.Equal(SenderHelloBasis.Synthesised, microsoft.Basis);
        Assert.Equal(HelloOutcomeKind.Alert, microsoft.Outcome);
        Assert.Contains(NameOf("derived-microsoft365-published"), cannot.Affected);
        Assert.Contains(cannot.Evidence, e => e.Describe().Contains("(derived-microsoft365-published) offers TLSv1.2", StringComparison.Ordinal)
            && e.Describe().Contains("[basis: synthesised from published facts (confidence low-medium)", StringComparison.Ordinal));
        Assert.Equal(result.Counts.TcpConnections, result.Counts.Handshakes);
    }
}
