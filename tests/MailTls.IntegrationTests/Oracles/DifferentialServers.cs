using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Oracles;

/// <summary>
/// The servers of the differential tests, each scanned once by mailtls's probe engine and by the
/// oracles (concurrently; testssl.sh dominates at about 20 s per server): a real Postfix allowing
/// TLS 1.2 only with a pruned cipher list, openssl s_server speaking only TLS 1.0 and 1.1 at
/// security level 0 (Postfix on Debian 12 cannot be configured so), and a Postfix with Debian's
/// defaults (91 suites over TLS 1.0 to 1.3), compared with sslscan and nmap only because testssl.sh
/// needs about 90 s for it (its result, checked by hand, is in docs/oracles.md).
/// </summary>
public sealed class DifferentialServers : IAsyncLifetime
{
    /// <summary>The Postfix cipher list: two ECDHE-RSA AEAD suites, one RSA-kx CBC suite of TLS 1.2, one of SSLv3.</summary>
    public const string PostfixCipherList = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA256:AES128-SHA";

    /// <summary>The s_server cipher list (at @SECLEVEL=0 so that TLS 1.0 and 1.1 still handshake).</summary>
    public const string LegacyCipherList = "ECDHE-RSA-AES256-SHA:AES128-SHA:@SECLEVEL=0";

    private readonly TempDirectory _work = TempDirectory.Create("mailtls-oracles");
    private TestCa? _ca;
    private TestLeaf? _leaf;
    private PostfixInstance? _postfix;
    private OpenSslServer? _legacy;
    private PostfixInstance? _defaults;

    internal ServerScans Postfix { get; private set; } = null!;

    internal ServerScans Legacy { get; private set; } = null!;

    internal ServerScans Defaults { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCa.Create("mailtls differential");
        _leaf = _ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MainCf["smtpd_tls_protocols"] = "!SSLv2, !SSLv3, !TLSv1, !TLSv1.1, !TLSv1.3";
        options.MainCf["smtpd_tls_ciphers"] = "high";
        options.MainCf["tls_high_cipherlist"] = PostfixCipherList;
        options.MainCf["tls_preempt_cipherlist"] = "yes";
        _postfix = await PostfixInstance.StartAsync(_leaf, options);

        var legacyOptions = new OpenSslServerOptions(_leaf) { Cipher = LegacyCipherList };
        legacyOptions.ProtocolOptions.Add("-no_tls1_2");
        legacyOptions.ProtocolOptions.Add("-no_tls1_3");
        _legacy = await OpenSslServer.StartAsync(legacyOptions);

        _defaults = await PostfixInstance.StartAsync(_leaf, new PostfixOptions { ListenIPv6 = false });

        Postfix = await ScanAsync(_postfix.Port, startTls: true, testSsl: true);
        Legacy = await ScanAsync(_legacy.Port, startTls: false, testSsl: true);
        Defaults = await ScanAsync(_defaults.Port, startTls: true, testSsl: false);
    }

    public async Task DisposeAsync()
    {
        _legacy?.Dispose();
        if (_defaults is not null)
        {
            await _defaults.DisposeAsync();
        }

        if (_postfix is not null)
        {
            await _postfix.DisposeAsync();
        }

        _leaf?.Dispose();
        _ca?.Dispose();
        _work.Dispose();
    }

    private async Task<ServerScans> ScanAsync(int port, bool startTls, bool testSsl)
    {
        var mailtls = MailTlsAsync(port, startTls);
        var testssl = testSsl ? ScannerOracles.TestSslAsync(port, startTls, _work.Path) : Task.FromResult<OracleScan?>(null);
        var sslscan = ScannerOracles.SslScanAsync(port, startTls);
        var nmap = ScannerOracles.NmapAsync(port, startTls, _work.Path);
        await Task.WhenAll(mailtls, testssl, sslscan, nmap);
        return new ServerScans(await mailtls, await testssl, await sslscan, (await nmap).Scan, (await nmap).UnknownNames);
    }

    /// <summary>What <c>mailtls probe</c> reports, through the engine the command runs.</summary>
    private static async Task<OracleScan> MailTlsAsync(int port, bool startTls)
    {
        var engine = new TlsProbeEngine(new TlsProbeOptions { SimulateSenders = false, FullHandshake = false, EhloName = "probe.mailtls.test" });
        var result = await engine.ProbeAsync(new ProbeEndpoint("mx.mailtls.test", System.Net.IPAddress.Loopback, port, ImplicitTls: !startTls));
        var accepted = result.Protocols.Where(p => p.Accepted == true).SelectMany(p => p.Suites.Select(s => (p.Version, Suite: s))).ToList();
        return OracleScan.From("mailtls", result.AcceptedVersions, accepted.Select(a => (a.Version, a.Suite.Code))) with
        {
            DhBits = accepted.Where(a => a.Suite.DhPrimeBits is > 0).ToDictionary(a => (a.Version, a.Suite.Code), a => a.Suite.DhPrimeBits!.Value),
        };
    }
}

/// <summary>One server's four scans.</summary>
internal sealed record ServerScans(OracleScan MailTls, OracleScan? TestSsl, OracleScan SslScan, OracleScan Nmap, IReadOnlyList<string> NmapUnknownNames)
{
    public OracleScan Oracle(string tool) => tool switch
    {
        "testssl.sh" => TestSsl ?? throw new InvalidOperationException("testssl.sh was not run on this server"),
        "sslscan" => SslScan,
        "nmap" => Nmap,
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };
}
