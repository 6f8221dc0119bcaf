using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>
/// mailtls policy's prediction against what really happens: a sending Postfix with the policy table
/// under test queues a message to a receiving Postfix (test-CA certificates with chosen names) on
/// loopback, and the delivery's trust label and status must be what mailtls said.
/// </summary>
public sealed partial class PolicyPredictsDeliveryTests
{
    public static TheoryData<string, string[], bool, string, string, string> Cases => new()
    {
        // level and match, certificate names (CN first), CN only, CA file (issuer/other/none), expected label, expected status
        { "secure", ["localhost"], false, "issuer", "Verified", "sent" },
        { "secure", ["mx.localhost"], false, "issuer", "Verified", "sent" },
        { "secure", ["*.messagingengine.com", "messagingengine.com", "mail.messagingengine.com"], false, "issuer", "Untrusted", "deferred" },
        { "secure match=.messagingengine.com", ["*.messagingengine.com", "messagingengine.com"], false, "issuer", "Verified", "sent" },
        { "secure match=a.b.messagingengine.com", ["*.messagingengine.com"], false, "issuer", "Untrusted", "deferred" },
        { "verify", ["localhost"], true, "issuer", "Verified", "sent" },
        { "secure", ["localhost"], false, "other", "Untrusted", "deferred" },
        { "verify", ["localhost"], false, "none", "Untrusted", "deferred" },
    };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Cases))]
    public async Task Policy_Prediction_MatchesRealDelivery(string policy, string[] names, bool cnOnly, string caFile, string label, string status)
    {
        // Given a receiving Postfix presenting these names, and a sending Postfix relaying through it with this policy
        using var ca = TestCa.Create("mailtls delivery oracle");
        var leaf = ca.IssueLeaf(new LeafSpec(names[0]) { DnsNames = cnOnly ? [] : names });
        var receiverOptions = new PostfixOptions { HostName = "mx.localhost", ListenIPv6 = false };
        receiverOptions.MainCf["relay_domains"] = "fastmail.fm";
        receiverOptions.MainCf["relay_transport"] = "discard:";
        await using var receiver = await PostfixInstance.StartAsync(leaf, receiverOptions);

        var relay = $"[localhost]:{receiver.Port.ToString(CultureInfo.InvariantCulture)}";
        var senderOptions = new PostfixOptions { HostName = "sender.localhost", ListenIPv6 = false };
        senderOptions.MainCf["default_transport"] = "smtp";
        senderOptions.MainCf["relay_transport"] = "smtp";
        senderOptions.MainCf["relayhost"] = relay;
        senderOptions.MainCf["smtp_host_lookup"] = "native";
        senderOptions.MainCf["smtp_tls_security_level"] = "may";
        using var otherCa = TestCa.Create("unrelated");
        senderOptions.MainCf["smtp_tls_CAfile"] = caFile switch { "issuer" => ca.RootPemPath, "other" => otherCa.RootPemPath, _ => string.Empty };
        senderOptions.MainCf["smtp_tls_loglevel"] = "1";
        senderOptions.MainCf["smtp_tls_policy_maps"] = "texthash:$config_directory/tls_policy";
        await using var sender = await PostfixInstance.StartAsync(leaf, senderOptions);
        await File.WriteAllTextAsync(Path.Combine(sender.ConfigDirectory, "tls_policy"), $"{relay} {policy}\n");

        // When mailtls predicts, and then a message is really sent
        var run = await InProcessCli.RunAsync("policy", "fastmail.fm", "--config-dir", sender.ConfigDirectory, "--json");
        var decision = JsonNode.Parse(run.Stdout)!["inputs"]!.AsArray()
            .Single(i => i!["kind"]!.GetValue<string>() == "decision")!["origin"]!.GetValue<string>();
        var send = await ProcessRunner.RunAsync("env", [$"MAIL_CONFIG={sender.ConfigDirectory}", "sendmail", "-f", "postmaster@sender.localhost", "user@fastmail.fm"], TimeSpan.FromSeconds(30));
        send.EnsureSuccess();
        var statusLine = await sender.WaitForLogAsync(l => l.Contains("to=<user@fastmail.fm>", StringComparison.Ordinal) && l.Contains("status=", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var tlsLine = sender.ReadLogLines().FirstOrDefault(l => l.Contains("TLS connection established to", StringComparison.Ordinal)) ?? string.Empty;

        // Then Postfix's label and status are the ones mailtls predicted
        Assert.Contains($"localhost: {label}", decision, StringComparison.Ordinal);
        Assert.Contains($"status={status}", statusLine, StringComparison.Ordinal);
        Assert.StartsWith(label, TlsLabel().Match(tlsLine).Value, StringComparison.Ordinal);
        if (status == "deferred")
        {
            Assert.Contains("deferred 4.7.5 Server certificate not verified", decision, StringComparison.Ordinal);
            Assert.Contains("Server certificate not verified", statusLine, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"(Verified|Trusted|Untrusted|Anonymous) TLS connection established")]
    private static partial Regex TlsLabel();
}
