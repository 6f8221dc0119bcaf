using MailTls.Core.Tls;
using Xunit;

namespace MailTls.IntegrationTests.Oracles;

/// <summary>
/// Differential oracles for <c>mailtls probe</c>: on the same real servers, the protocol versions
/// and the suites accepted with each must equal what testssl.sh (<c>-p -E</c>, JSON), sslscan
/// (XML) and nmap's ssl-enum-ciphers (XML) report. Each scanner runs once per server
/// (<see cref="DifferentialServers"/>); docs/oracles.md lists the differences found and why.
/// </summary>
public sealed class OracleDifferentialTests(DifferentialServers servers) : IClassFixture<DifferentialServers>
{
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var server in new[] { "postfix-tls12-pruned", "s_server-tls10-tls11" })
        {
            foreach (var tool in new[] { "testssl.sh", "sslscan", "nmap" })
            {
                data.Add(server, tool);
            }
        }

        data.Add("postfix-defaults", "sslscan");
        data.Add("postfix-defaults", "nmap");
        return data;
    }

    private ServerScans Scans(string server) => server switch
    {
        "postfix-tls12-pruned" => servers.Postfix,
        "s_server-tls10-tls11" => servers.Legacy,
        _ => servers.Defaults,
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Probe_SameServer_AcceptsWhatTheOracleReports(string server, string tool)
    {
        // Given
        var scans = Scans(server);
        var mailtls = scans.MailTls;
        var oracle = scans.Oracle(tool);
        var explain = $"\n{mailtls.Describe()}\n{oracle.Describe()}";

        // Then: same versions, and per version the same suites
        Assert.Empty(scans.NmapUnknownNames);
        Assert.True(mailtls.Protocols.SetEquals(oracle.Protocols), "protocols differ" + explain);
        foreach (var version in mailtls.Protocols.Union(oracle.Protocols))
        {
            Assert.True(mailtls.SuitesFor(version).SetEquals(oracle.SuitesFor(version)), $"{version} suites differ{explain}");
        }
    }

    [Fact]
    public void Probe_PostfixTls12Pruned_AcceptsExactlyTheConfiguredSuites()
    {
        // Given: smtpd_tls_protocols excludes all but TLS 1.2; tls_high_cipherlist names four suites,
        // of which AES128-SHA is also a TLS 1.2 suite
        var mailtls = servers.Postfix.MailTls;

        // Then: what the configuration says, independent of any scanner
        Assert.Equal([TlsProtocolVersion.Tls12], mailtls.Protocols);
        Assert.True(mailtls.SuitesFor(TlsProtocolVersion.Tls12).SetEquals([0xC030, 0xC02F, 0x003D, 0x002F]), mailtls.Describe());
    }

    [Fact]
    public void Probe_OpenSslTls10And11_AcceptsBothLegacyVersionsWithBothSuites()
    {
        // Given: s_server with -no_tls1_2 -no_tls1_3 and two suites at @SECLEVEL=0
        var mailtls = servers.Legacy.MailTls;

        // Then
        Assert.True(mailtls.Protocols.SetEquals([TlsProtocolVersion.Tls10, TlsProtocolVersion.Tls11]), mailtls.Describe());
        Assert.All(mailtls.Protocols, v => Assert.True(mailtls.SuitesFor(v).SetEquals([0xC014, 0x002F]), mailtls.Describe()));
    }

    [Fact]
    public void Probe_PostfixDefaults_FindsEveryVersionFromTls10WithManySuites()
    {
        // Given: Debian 12's Postfix 3.7 defaults (smtpd_tls_protocols >=TLSv1, medium grade) on OpenSSL 3.0
        var mailtls = servers.Defaults.MailTls;

        // Then: four versions; TLS 1.3 with its three OpenSSL suites; the big TLS 1.2 list
        Assert.True(mailtls.Protocols.SetEquals([TlsProtocolVersion.Tls10, TlsProtocolVersion.Tls11, TlsProtocolVersion.Tls12, TlsProtocolVersion.Tls13]), mailtls.Describe());
        Assert.True(mailtls.SuitesFor(TlsProtocolVersion.Tls13).SetEquals([0x1301, 0x1302, 0x1303]), mailtls.Describe());
        Assert.True(mailtls.SuitesFor(TlsProtocolVersion.Tls12).Count > 40, mailtls.Describe());
    }

    [Fact]
    public void Probe_PostfixDefaults_DhGroupSizesEqualSslScans()
    {
        // Given: Debian's Postfix offers DHE-RSA and anonymous ADH suites; OpenSSL picks the group by suite strength
        var mailtls = servers.Defaults.MailTls.DhBits;
        var sslscan = servers.Defaults.SslScan.DhBits;

        // Then: the same suites carry a DH group, of the same size, and both sizes occur
        Assert.NotEmpty(sslscan);
        Assert.Equal(sslscan.Keys.Order(), mailtls.Keys.Order());
        Assert.All(sslscan, pair => Assert.True(mailtls[pair.Key] == pair.Value, $"{pair.Key}: mailtls {mailtls[pair.Key]} bits, sslscan {pair.Value}"));
        Assert.Contains(1024, sslscan.Values);
        Assert.Contains(2048, sslscan.Values);
    }
}
