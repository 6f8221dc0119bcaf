using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MailTls.Collectors.Probe;
using MailTls.Core.Postfix;
using MailTls.Core.Probe;
using MailTls.Core.Profiles;
using MailTls.Core.Tls;
using MailTls.Diagnosis;
using MailTls.IntegrationTests.Fixtures;
using Xunit;
using Xunit.Abstractions;
using SenderOutcome = MailTls.Core.Probe.SenderOutcome;

namespace MailTls.IntegrationTests.Probe;

/// Senders without a captured ClientHello (Microsoft 365, scenario 2's Gmail) get one synthesised
/// from their published facts and sent to a real Postfix; what the server chooses must be what
/// OpenSSL's own client chooses with the same suites, and scenario 2's pruned list must refuse Gmail.
public sealed partial class SenderSynthesisAgainstPostfixTests(ITestOutputHelper output)
{
    private const string Microsoft365 = "derived-microsoft365-published";
    private const string Scenario2Gmail = "derived-scenario2-gmail";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [GeneratedRegex(@"Cipher is (?<name>\S+)")]
    private static partial Regex NegotiatedCipher();

    private async Task<(TlsProbeResult Result, IReadOnlyList<Diagnosis.Findings.Finding> Findings)> ProbeSendersAsync(PostfixInstance postfix)
    {
        var engine = new TlsProbeEngine(new TlsProbeOptions
        {
            EhloName = "probe.mailtls.test",
            ConnectTimeout = Deadline,
            ReplyTimeout = Deadline,
            HandshakeTimeout = Deadline,
            FullHandshake = false,
            // Every hello is sent: these tests are about what the server answers to them.
            ReplayAllSenders = true,
        });
        var result = await engine.ProbeAsync(new ProbeEndpoint(postfix.Options.HostName, IPAddress.Loopback, postfix.Port, false));
        foreach (var sender in result.Senders)
        {
            output.WriteLine($"{sender.ProfileId}: {sender.BasisText} {sender.Outcome} {sender.Version} {sender.Suite?.DisplayName} {sender.Detail}");
        }

        return (result, Diagnoser.Diagnose(new EvidenceSet { Probes = [result], CollectedAt = DateTimeOffset.UtcNow }));
    }

    private static SenderOutcome Sender(TlsProbeResult result, string id) => result.Senders.Single(s => s.ProfileId == id);

    private static string NameOf(string id) => SenderProfileCatalog.All.Single(p => p.Id == id).Name;

    [Fact]
    public async Task Senders_DefaultPostfix_Microsoft365GetsTheSuiteOpenSslNegotiatesWithItsPublishedList()
    {
        // Given: Postfix with its defaults (level may, medium grade, RSA certificate)
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        await using var postfix = await PostfixInstance.StartAsync(leaf, new PostfixOptions { ListenIPv6 = false });

        // When: the probe sends the synthesised hellos, and s_client offers Microsoft's published suites (OpenSSL names, same order) over TLS 1.2
        var (result, findings) = await ProbeSendersAsync(postfix);
        var published = SenderProfileCatalog.All.Single(p => p.Id == Microsoft365).CipherSuites;
        var cipherList = string.Join(':', published.Select(c => CipherSuiteRegistry.Get(c).OpenSslName));
        var oracle = await ProcessRunner.RunAsync(
            RequiredTool.OpenSsl,
            ["s_client", "-connect", $"127.0.0.1:{postfix.Port.ToString(CultureInfo.InvariantCulture)}", "-starttls", "smtp", "-tls1_2", "-cipher", cipherList],
            Deadline);
        var match = NegotiatedCipher().Match(oracle.StandardOutput);
        Assert.True(match.Success, oracle.Describe());

        // Then: Microsoft 365 gets TLS 1.2 with one of its own suites, the one OpenSSL's client got, and says it was synthesised
        var microsoft = Sender(result, Microsoft365);
        Assert.True(microsoft.Negotiated, microsoft.Detail);
        Assert.Equal(SenderHelloBasis.Synthesised, microsoft.Basis);
        Assert.Equal("synthesised from published facts (confidence low-medium), replayed", microsoft.BasisText);
        Assert.Equal(TlsProtocolVersion.Tls12, microsoft.Version);
        Assert.Contains(microsoft.Suite!.Code, published);
        Assert.Equal(match.Groups["name"].Value, microsoft.Suite.OpenSslName);

        // And scenario 2's Gmail, with the one suite it negotiated once the exclusions were gone, gets through too
        var gmail = Sender(result, Scenario2Gmail);
        Assert.True(gmail.Negotiated, gmail.Detail);
        Assert.Equal("AES128-GCM-SHA256", gmail.Suite!.OpenSslName);

        // And senders with no suite facts are not guessed at, but keep the facts they state
        var comcast = Sender(result, "comcast-outbound-dane");
        Assert.Equal(SenderHelloBasis.Unknown, comcast.Basis);
        Assert.Equal(HelloOutcomeKind.NotSent, comcast.Outcome);
        Assert.Equal("unknown: no published ClientHello facts", comcast.BasisText);
        Assert.Contains("TLSA base domain", comcast.Detail, StringComparison.Ordinal);
        Assert.Equal(SenderHelloBasis.Unknown, Sender(result, "yahoo-outbound").Basis);
        Assert.Equal(SenderHelloBasis.Unknown, Sender(result, "gmail-google-outbound").Basis);
        Assert.Contains(Microsoft365, Sender(result, "microsoft365-exchange-online-outbound").Detail, StringComparison.Ordinal);
        Assert.Equal(SenderHelloBasis.Recorded, Sender(result, "postfix-3.7-debian12-may").Basis);

        // And scenario 1's Gmail of 2014 (TLS 1.0, RC4 only) fails, which is worth knowing but no outage today
        Assert.False(Sender(result, "derived-scenario1-gmail-2014").Negotiated);
        var cannot = findings.Single(f => f.Id.Value == "sender-cannot-negotiate");
        Assert.Contains(NameOf("derived-scenario1-gmail-2014"), cannot.Affected);
        Assert.Equal(Diagnosis.Findings.Severity.Info, cannot.Severity);
    }

    [Fact]
    public async Task Senders_Scenario2PrunedCipherList_Gmail2019CannotNegotiateAndTheFindingSaysItIsSynthesised()
    {
        // Given: Postfix started with scenario 2's exclusions, read from the example's main.cf
        var mainCfPath = Path.Combine(RepositoryRoot.Path, "examples", "scenario-2-no-shared-cipher", "main.cf");
        var exclusions = MainCfFile.Parse(await File.ReadAllTextAsync(mainCfPath), mainCfPath).Effective["smtpd_tls_exclude_ciphers"].Value;
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MainCf["smtpd_tls_exclude_ciphers"] = exclusions;
        await using var postfix = await PostfixInstance.StartAsync(leaf, options);

        // When
        var (result, findings) = await ProbeSendersAsync(postfix);

        // Then: Gmail's known suite (AES128-GCM-SHA256, removed by RSA+AES) is refused although TLS 1.2 is shared
        var gmail = Sender(result, Scenario2Gmail);
        Assert.False(gmail.Negotiated);
        Assert.Equal(HelloOutcomeKind.Alert, gmail.Outcome);
        Assert.Equal(SenderHelloBasis.Synthesised, gmail.Basis);
        Assert.Contains(TlsProtocolVersion.Tls12, result.AcceptedVersions);
        var cannot = findings.Single(f => f.Id.Value == "sender-cannot-negotiate");
        Assert.Contains(NameOf(Scenario2Gmail), cannot.Affected);
        Assert.Contains(cannot.Evidence, e => e.Describe().Contains($"({Scenario2Gmail})", StringComparison.Ordinal)
            && e.Describe().Contains("[basis: synthesised from published facts (confidence medium)", StringComparison.Ordinal));
        Assert.Contains("synthesised from published facts", cannot.Cause, StringComparison.Ordinal);
        Assert.Equal(Diagnosis.Findings.Severity.Critical, cannot.Severity);

        // And Microsoft 365, which offers ECDHE-RSA suites the exclusions keep, still gets through
        Assert.True(Sender(result, Microsoft365).Negotiated);
        Assert.DoesNotContain(NameOf(Microsoft365), cannot.Affected);
    }

    [Fact]
    public async Task Senders_Tls10And11OnlyPostfix_Microsoft365AbortsAndTheProtocolFloorNamesIt()
    {
        // Given: a Postfix that negotiates TLS 1.0 and 1.1 only
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MainCf["smtpd_tls_protocols"] = "<=TLSv1.1";
        await using var postfix = await PostfixInstance.StartAsync(leaf, options);

        // When
        var (result, findings) = await ProbeSendersAsync(postfix);

        // Then: Exchange Online's TLS 1.2 hello gets a TLS 1.1 answer it never accepts (it never uses TLS 1.0/1.1 outbound)
        Assert.Equal([TlsProtocolVersion.Tls10, TlsProtocolVersion.Tls11], result.AcceptedVersions.Where(v => v >= TlsProtocolVersion.Tls10));
        var microsoft = Sender(result, Microsoft365);
        Assert.False(microsoft.Negotiated);
        Assert.Contains("the server chose TLSv1.1", microsoft.Detail, StringComparison.Ordinal);
        var floor = findings.Single(f => f.Id.Value == "inbound-protocol-floor");
        Assert.Contains(NameOf(Microsoft365), floor.Affected);
        Assert.Contains(floor.Evidence, e => e.Describe().Contains($"({Microsoft365}) offers TLSv1.2", StringComparison.Ordinal)
            && e.Describe().Contains("synthesised from published facts (confidence low-medium)", StringComparison.Ordinal));

        // And Postfix 2.10, whose synthesised TLS 1.2 hello allows TLS 1.0 and 1.1 too, gets TLS 1.1 with a suite it offers
        var postfix210 = Sender(result, "derived-postfix-2.10-centos7-source-defaults");
        Assert.True(postfix210.Negotiated, postfix210.Detail);
        Assert.Equal(TlsProtocolVersion.Tls11, postfix210.Version);
        Assert.Contains(postfix210.Suite!.Code, SenderProfileCatalog.All.Single(p => p.Id == "derived-postfix-2.10-centos7-source-defaults").CipherSuites);
        Assert.DoesNotContain(NameOf("derived-postfix-2.10-centos7-source-defaults"), floor.Affected);
    }
}
