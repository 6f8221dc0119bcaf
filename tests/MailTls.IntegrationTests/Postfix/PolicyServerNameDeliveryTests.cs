using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>
/// servername= (SNI) in a real delivery: the receiving Postfix chooses its certificate by SNI
/// (tls_server_sni_maps), so mailtls's live handshake must send the SNI smtp(8) sends, or it
/// judges a certificate the delivery never sees.
/// </summary>
public sealed class PolicyServerNameDeliveryTests
{
    [Theory(Timeout = 180_000)]
    [InlineData("secure match=special.localhost servername=special.localhost", "Verified", "sent")]
    [InlineData("secure match=special.localhost", "Untrusted", "deferred")]
    public async Task Policy_ServerName_PredictionMatchesDelivery(string policy, string label, string status)
    {
        // Given a receiver presenting "localhost" by default and "special.localhost" to clients sending that SNI
        using var ca = TestCa.Create("mailtls sni oracle");
        var plain = ca.IssueLeaf(new LeafSpec("localhost") { DnsNames = ["localhost"] });
        var special = ca.IssueLeaf(new LeafSpec("special.localhost") { DnsNames = ["special.localhost"] });
        using var sniDirectory = TempDirectory.Create("sni");
        var chain = sniDirectory.Combine("special.pem");
        await File.WriteAllTextAsync(chain, await File.ReadAllTextAsync(special.KeyPemPath) + await File.ReadAllTextAsync(special.ChainPemPath));
        await File.WriteAllTextAsync(sniDirectory.Combine("sni"), $"special.localhost {chain}\n");

        // And a sender relaying to it with the entry under test
        await using var delivery = await PolicyDelivery.StartAsync(
            plain, "example.org", policy, ca.RootPemPath, configureReceiver: o => o.MainCf["tls_server_sni_maps"] = "texthash:" + sniDirectory.Combine("sni"));

        // When mailtls predicts and a message is sent
        var decision = PolicyDelivery.Decision(await delivery.ExplainAsync());
        var statusLine = await delivery.SendAsync();

        // Then mailtls judged the certificate the delivery saw
        var facts = decision + "\n" + delivery.Sender.ReadLog() + delivery.Receiver.ReadLog();
        Assert.True(decision.Contains($"localhost: {label}", StringComparison.Ordinal), facts);
        Assert.True(statusLine.Contains($"status={status}", StringComparison.Ordinal), facts);
        Assert.Contains(delivery.Sender.ReadLogLines(), l => l.Contains($"{label} TLS connection established", StringComparison.Ordinal));
    }
}
