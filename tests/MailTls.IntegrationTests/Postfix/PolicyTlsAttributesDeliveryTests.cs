using System.Globalization;
using System.Text.Json.Nodes;
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
        var receiverOptions = new PostfixOptions { HostName = "mx.localhost", ListenIPv6 = false };
        receiverOptions.MainCf["relay_domains"] = "example.net";
        receiverOptions.MainCf["relay_transport"] = "discard:";
        await using var receiver = await PostfixInstance.StartAsync(leaf, receiverOptions);

        var relay = $"[localhost]:{receiver.Port.ToString(CultureInfo.InvariantCulture)}";
        var senderOptions = new PostfixOptions { HostName = "sender.localhost", ListenIPv6 = false };
        senderOptions.MainCf["default_transport"] = "smtp";
        senderOptions.MainCf["relay_transport"] = "smtp";
        senderOptions.MainCf["relayhost"] = relay;
        senderOptions.MainCf["smtp_host_lookup"] = "native";
        senderOptions.MainCf["smtp_tls_security_level"] = "may";
        senderOptions.MainCf["smtp_tls_loglevel"] = "2";
        senderOptions.MainCf["smtp_tls_CAfile"] = ca.RootPemPath;
        senderOptions.MainCf["smtp_tls_policy_maps"] = "texthash:$config_directory/tls_policy";
        await using var sender = await PostfixInstance.StartAsync(leaf, senderOptions);
        await File.WriteAllTextAsync(Path.Combine(sender.ConfigDirectory, "tls_policy"), $"{relay} {policy}\n");

        // When mailtls explains the destination (live handshake), and a message is really sent
        var run = await InProcessCli.RunAsync("policy", "example.net", "--config-dir", sender.ConfigDirectory, "--json");
        var report = JsonNode.Parse(run.Stdout)!;
        var decision = report["inputs"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "decision")!["origin"]!.GetValue<string>();
        var predicted = report["findings"]!.AsArray().Any(f => f!["id"]!.GetValue<string>() == "policy-tls-unsatisfiable");
        var send = await ProcessRunner.RunAsync("env", [$"MAIL_CONFIG={sender.ConfigDirectory}", "sendmail", "-f", "postmaster@sender.localhost", "user@example.net"], TimeSpan.FromSeconds(30));
        send.EnsureSuccess();
        var statusLine = await sender.WaitForLogAsync(l => l.Contains("to=<user@example.net>", StringComparison.Ordinal) && l.Contains("status=", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        // Then the cipher list mailtls shows is the one smtp(8) logged, and the finding appears exactly when delivery failed
        var logged = sender.ReadLogLines().Select(l => CipherListLine().Match(l)).First(m => m.Success).Groups[1].Value;
        Assert.Contains($"cipher list \"{logged}\"", decision, StringComparison.Ordinal);
        Assert.Equal(impossible, predicted);
        Assert.Contains(impossible ? "status=deferred" : "status=sent", statusLine, StringComparison.Ordinal);
        if (!impossible)
        {
            Assert.Contains(sender.ReadLogLines(), l => l.Contains($"{label} TLS connection established", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("TLS cipher list \"([^\"]*)\"")]
    private static partial Regex CipherListLine();
}
