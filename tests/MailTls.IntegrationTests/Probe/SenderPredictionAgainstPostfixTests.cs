using System.Net;
using MailTls.Collectors.Probe;
using MailTls.Core.Postfix;
using MailTls.Core.Probe;
using MailTls.IntegrationTests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace MailTls.IntegrationTests.Probe;

/// The probe predicts a sender's answer from the enumerated server facts instead of sending its
/// hello where those facts settle it. The oracle is the real server: on each Postfix configuration
/// the same senders' hellos are all sent (--replay-senders), and every predicted row must say what
/// the server really answered (gets through or not, protocol, suite, ServerHello or
/// HelloRetryRequest), while the probe saves one connection per prediction.
public sealed class SenderPredictionAgainstPostfixTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Configurations => ["default", "server order", "TLS 1.2 only", "scenario 2 pruned list", "RSA and ECDSA certificates"];

    private static TlsProbeEngine Engine(bool replayAll) => new(new TlsProbeOptions
    {
        EhloName = "probe.mailtls.test",
        ConnectTimeout = Deadline,
        ReplyTimeout = Deadline,
        HandshakeTimeout = Deadline,
        FullHandshake = false,
        TestResumption = false,
        ReplayAllSenders = replayAll,
    });

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Senders_PredictedFromEnumeratedFacts_AnswerAsTheServerDoesWhenEveryHelloIsSent(string configuration)
    {
        // Given: a real Postfix in one of the configurations senders meet
        await using var server = await StartAsync(configuration);
        var endpoint = new ProbeEndpoint("mx.mailtls.test", IPAddress.Loopback, server.Port, false);

        // When: the probe runs as users run it, and again sending every sender's hello
        var predicting = await Engine(replayAll: false).ProbeAsync(endpoint);
        var replaying = await Engine(replayAll: true).ProbeAsync(endpoint);

        // Then: nothing went wrong, and every hello was sent in the second run
        Assert.Empty(predicting.Failures);
        Assert.Empty(replaying.Failures);
        Assert.DoesNotContain(replaying.Senders, s => s.Predicted);
        var predicted = predicting.Senders.Where(s => s.Predicted).ToList();
        foreach (var sender in predicting.Senders)
        {
            var sent = replaying.Senders.Single(s => s.ProfileId == sender.ProfileId);
            output.WriteLine($"{sender.ProfileId}: [{sender.BasisText}] {sender.Outcome} {sender.Version} {sender.Suite?.DisplayName} ({sender.Detail}) | sent: {sent.Outcome} {sent.Version} {sent.Suite?.DisplayName} ({sent.Detail})");
        }

        // And most senders were predicted, each saving the connection its hello would have taken
        Assert.True(predicted.Count >= predicting.Senders.Count(s => s.Outcome != HelloOutcomeKind.NotSent) / 2, $"{predicted.Count} predicted");
        Assert.Equal(replaying.Counts.TcpConnections - predicted.Count, predicting.Counts.TcpConnections);

        // And each predicted row is what the server answered to the hello itself, and says it was predicted
        Assert.All(predicted, sender =>
        {
            var sent = replaying.Senders.Single(s => s.ProfileId == sender.ProfileId);
            Assert.Equal((sent.Negotiated, sent.Version, sent.Suite?.Code, sent.Outcome), (sender.Negotiated, sender.Version, sender.Suite?.Code, sender.Outcome));
            Assert.EndsWith(", predicted from the enumerated server facts", sender.BasisText, StringComparison.Ordinal);
        });
        Assert.All(replaying.Senders.Where(s => s.Outcome != HelloOutcomeKind.NotSent), s => Assert.EndsWith(", replayed", s.BasisText, StringComparison.Ordinal));
    }

    private static async Task<Started> StartAsync(string configuration)
    {
        if (configuration == "RSA and ECDSA certificates")
        {
            return new Started(await DualCertificateServer.StartAsync(), s => ((DualCertificateServer)s).Postfix.Port);
        }

        var ca = TestCa.Create();
        var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var options = new PostfixOptions { ListenIPv6 = false };
        switch (configuration)
        {
            case "server order":
                options.MainCf["tls_preempt_cipherlist"] = "yes";
                break;
            case "TLS 1.2 only":
                options.MainCf["smtpd_tls_protocols"] = "!SSLv2, !SSLv3, !TLSv1, !TLSv1.1, !TLSv1.3";
                break;
            case "scenario 2 pruned list":
                var mainCfPath = Path.Combine(RepositoryRoot.Path, "examples", "scenario-2-no-shared-cipher", "main.cf");
                options.MainCf["smtpd_tls_exclude_ciphers"] = MainCfFile.Parse(await File.ReadAllTextAsync(mainCfPath), mainCfPath).Effective["smtpd_tls_exclude_ciphers"].Value;
                break;
        }

        var postfix = await PostfixInstance.StartAsync(leaf, options);
        return new Started(postfix, s => ((PostfixInstance)s).Port, leaf, ca);
    }

    /// <summary>A started server and what it owns, disposed together.</summary>
    private sealed class Started(IAsyncDisposable server, Func<IAsyncDisposable, int> port, params IDisposable[] owned) : IAsyncDisposable
    {
        public int Port => port(server);

        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync();
            foreach (var item in owned)
            {
                item.Dispose();
            }
        }
    }
}
