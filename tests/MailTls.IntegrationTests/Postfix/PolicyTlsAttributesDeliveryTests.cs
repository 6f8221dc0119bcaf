using System.Text.RegularExpressions;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>
/// ciphers=/protocols=/exclude= in a real delivery: a sending Postfix with the entry relays to a
/// receiving Postfix with an RSA certificate. mailtls policy (live handshake) must show the cipher
/// list smtp(8) logs at smtp_tls_loglevel 2, and raise policy-tls-unsatisfiable exactly when the
/// message is deferred.
/// </summary>
public sealed partial class PolicyTlsAttributesDeliveryTests
{
    public static TheoryData<string, bool, string> Cases => new()
    {
        // policy entry value, whether the handshake is impossible with an RSA server, the TLS label Postfix logs when sent
        { "verify protocols=TLSv1.2 exclude=aRSA", true, string.Empty },
        { "encrypt protocols=TLSv1.2 exclude=aRSA", false, "Anonymous" },
        { "verify protocols=TLSv1.2 exclude=aECDSA:CAMELLIA", false, "Verified" },
        { "encrypt ciphers=high protocols=>=TLSv1.3 exclude=aRSA", false, "Trusted" },
    };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Cases))]
    public async Task Policy_CipherAttributes_PredictionMatchesDeliveryAndLoggedCipherList(string policy, bool impossible, string label)
    {
        // Given a receiving Postfix with an RSA certificate and a sender relaying to it with the entry under test
        using var ca = TestCa.Create("mailtls attributes oracle");
        var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("localhost", KeyAlgorithm.Rsa2048));
        await using var delivery = await PolicyDelivery.StartAsync(leaf, "example.net", policy, ca.RootPemPath, tlsLogLevel: 2);

        // When mailtls explains the destination (live handshake), and a message is really sent
        var report = await delivery.ExplainAsync();
        var decision = PolicyDelivery.Decision(report);
        var predicted = report["findings"]!.AsArray().Any(f => f!["id"]!.GetValue<string>() == "policy-tls-unsatisfiable");
        var statusLine = await delivery.SendAsync();

        // Then the cipher list mailtls shows is the one smtp(8) logged, and the finding appears exactly when delivery failed
        var logged = delivery.Sender.ReadLogLines().Select(l => CipherListLine().Match(l)).First(m => m.Success).Groups[1].Value;
        Assert.Contains($"cipher list \"{logged}\"", decision, StringComparison.Ordinal);
        Assert.Equal(impossible, predicted);
        Assert.Contains(impossible ? "status=deferred" : "status=sent", statusLine, StringComparison.Ordinal);
        if (!impossible)
        {
            Assert.Contains(delivery.Sender.ReadLogLines(), l => l.Contains($"{label} TLS connection established", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("TLS cipher list \"([^\"]*)\"")]
    private static partial Regex CipherListLine();
}
