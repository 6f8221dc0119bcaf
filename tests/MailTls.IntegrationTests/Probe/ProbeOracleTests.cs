using System.Net;
using System.Text.RegularExpressions;
using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.IntegrationTests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace MailTls.IntegrationTests.Probe;

/// The engine's answers against OpenSSL's own client as the oracle: one s_client per suite
/// (what sslscan does) must find exactly the suites the engine found with its bundled removal,
/// and s_client's "Server Temp Key" must give the DHE size the engine read from ServerKeyExchange.
public sealed partial class ProbeOracleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [GeneratedRegex(@"Server Temp Key: DH, (?<bits>\d+) bits")]
    private static partial Regex TempKey();

    private static async Task<ProcessResult> SClientAsync(int port, string protocolFlag, string cipher) =>
        await ProcessRunner.RunAsync(
            RequiredTool.OpenSsl,
            ["s_client", "-connect", $"127.0.0.1:{port}", "-starttls", "smtp", protocolFlag, "-cipher", $"{cipher}:@SECLEVEL=0"],
            Deadline);

    [Theory]
    [InlineData(TlsProtocolVersion.Tls12, "-tls1_2")]
    [InlineData(TlsProtocolVersion.Tls10, "-tls1")]
    public async Task AcceptedSuites_DefaultPostfix_EqualWhatOpenSslFindsOneSuiteAtATime(TlsProtocolVersion version, string flag)
    {
        // Given: Postfix with its defaults (level may, medium grade, anonymous suites included)
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        await using var postfix = await PostfixInstance.StartAsync(leaf, new PostfixOptions { ListenIPv6 = false });
        var engine = new TlsProbeEngine(new TlsProbeOptions { ConnectTimeout = Deadline, ReplyTimeout = Deadline, HandshakeTimeout = Deadline, SimulateSenders = false, FullHandshake = false });

        // When: the engine probes, and s_client tries every suite OpenSSL knows for the version, one per connection
        var result = await engine.ProbeAsync(new ProbeEndpoint("mx.mailtls.test", IPAddress.Loopback, postfix.Port, false));
        var list = await ProcessRunner.RunAsync(RequiredTool.OpenSsl, ["ciphers", "-s", flag, "ALL:COMPLEMENTOFALL:@SECLEVEL=0"], Deadline);
        var candidates = list.EnsureSuccess().StandardOutput.Trim().Split(':');
        var oracle = new List<string>();
        foreach (var chunk in candidates.Chunk(4))
        {
            var runs = await Task.WhenAll(chunk.Select(async name => (name, run: await SClientAsync(postfix.Port, flag, name))));
            oracle.AddRange(runs.Where(r => r.run.StandardOutput.Contains($"Cipher is {r.name}", StringComparison.Ordinal)).Select(r => r.name));
        }

        // Then
        var found = result.Protocols.Single(p => p.Version == version).Suites.Select(s => s.Suite.OpenSslName ?? s.Suite.IanaName).ToList();
        output.WriteLine($"{candidates.Length} tried by s_client; engine {found.Count} with {result.Counts.TcpConnections} connections for all versions");
        Assert.NotEmpty(oracle);
        Assert.Equal(oracle.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DhPrimeBits_PostfixDheAndAnonymousSuites_EqualServerTempKeyOfOpenSsl()
    {
        // Given
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        await using var postfix = await PostfixInstance.StartAsync(leaf, new PostfixOptions { ListenIPv6 = false });
        var engine = new TlsProbeEngine(new TlsProbeOptions { SimulateSenders = false, FullHandshake = false });

        // When: the engine probes; s_client repeats one authenticated and one anonymous DHE suite
        var result = await engine.ProbeAsync(new ProbeEndpoint("mx.mailtls.test", IPAddress.Loopback, postfix.Port, false));
        var tls12 = result.Protocols.Single(p => p.Version == TlsProtocolVersion.Tls12).Suites;
        AcceptedSuite[] dhe = [tls12.First(s => s.DhPrimeBits is not null && !s.Suite.IsAnonymous), tls12.First(s => s.DhPrimeBits is not null && s.Suite.IsAnonymous)];

        // Then: the same group sizes (OpenSSL's automatic DH gives anonymous 128-bit suites a
        // 1024-bit group, so the smallest DHE group the server uses is that one)
        foreach (var suite in dhe)
        {
            var run = await SClientAsync(postfix.Port, "-tls1_2", suite.Suite.OpenSslName!);
            var match = TempKey().Match(run.StandardOutput);
            Assert.True(match.Success, run.Describe());
            Assert.Equal(int.Parse(match.Groups["bits"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture), suite.DhPrimeBits);
        }

        Assert.Equal(tls12.Min(s => s.DhPrimeBits ?? int.MaxValue), result.SmallestDhPrimeBits);
    }
}
