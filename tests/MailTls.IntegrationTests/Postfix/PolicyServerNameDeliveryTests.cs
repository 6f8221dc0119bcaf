using System.Globalization;
using System.Text.Json.Nodes;
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
        var receiverOptions = new PostfixOptions { HostName = "mx.localhost", ListenIPv6 = false };
        receiverOptions.MainCf["relay_domains"] = "example.org";
        receiverOptions.MainCf["relay_transport"] = "discard:";
        receiverOptions.MainCf["tls_server_sni_maps"] = "texthash:" + sniDirectory.Combine("sni");
        await using var receiver = await PostfixInstance.StartAsync(plain, receiverOptions);

        // And a sender relaying to it with the entry under test
        var relay = $"[localhost]:{receiver.Port.ToString(CultureInfo.InvariantCulture)}";
        var senderOptions = new PostfixOptions { HostName = "sender.localhost", ListenIPv6 = false };
        senderOptions.MainCf["default_transport"] = "smtp";
        senderOptions.MainCf["relay_transport"] = "smtp";
        senderOptions.MainCf["relayhost"] = relay;
        senderOptions.MainCf["smtp_host_lookup"] = "native";
        senderOptions.MainCf["smtp_tls_security_level"] = "may";
        senderOptions.MainCf["smtp_tls_loglevel"] = "1";
        senderOptions.MainCf["smtp_tls_CAfile"] = ca.RootPemPath;
        senderOptions.MainCf["smtp_tls_policy_maps"] = "texthash:$config_directory/tls_policy";
        await using var sender = await PostfixInstance.StartAsync(plain, senderOptions);
        await File.WriteAllTextAsync(Path.Combine(sender.ConfigDirectory, "tls_policy"), $"{relay} {policy}\n");

        // When mailtls predicts and a message is sent
        var run = await InProcessCli.RunAsync("policy", "example.org", "--config-dir", sender.ConfigDirectory, "--json");
        var decision = JsonNode.Parse(run.Stdout)!["inputs"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "decision")!["origin"]!.GetValue<string>();
        var send = await ProcessRunner.RunAsync("env", [$"MAIL_CONFIG={sender.ConfigDirectory}", "sendmail", "-f", "postmaster@sender.localhost", "user@example.org"], TimeSpan.FromSeconds(30));
        send.EnsureSuccess();
        var statusLine = await sender.WaitForLogAsync(l => l.Contains("to=<user@example.org>", StringComparison.Ordinal) && l.Contains("status=", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        // Then mailtls judged the certificate the delivery saw
        var facts = decision + "\n" + sender.ReadLog() + receiver.ReadLog();
        Assert.True(decision.Contains($"localhost: {label}", StringComparison.Ordinal), facts);
        Assert.True(statusLine.Contains($"status={status}", StringComparison.Ordinal), facts);
        Assert.Contains(sender.ReadLogLines(), l => l.Contains($"{label} TLS connection established", StringComparison.Ordinal));
    }
}
