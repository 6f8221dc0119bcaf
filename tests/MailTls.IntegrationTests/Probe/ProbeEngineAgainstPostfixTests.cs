using System.Net;
using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
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
}
