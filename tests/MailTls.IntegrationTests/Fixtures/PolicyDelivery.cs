using System.Globalization;
using System.Text.Json.Nodes;
using MailTls.Tests;

namespace MailTls.IntegrationTests.Fixtures;

/// A real delivery under an outbound TLS policy: a sending Postfix relays all mail to
/// [localhost]:PORT through a texthash smtp_tls_policy_maps table with one entry for that relay,
/// and a receiving Postfix (mx.localhost) accepts one domain and discards it. Both serve the same
/// test leaf; only the receiver's matters. Tests compare what mailtls says about the sender's
/// configuration or log with what smtp(8) really did.
internal sealed class PolicyDelivery : IAsyncDisposable
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    private PolicyDelivery(PostfixInstance receiver, PostfixInstance sender, string domain)
    {
        Receiver = receiver;
        Sender = sender;
        Domain = domain;
    }

    public PostfixInstance Receiver { get; }

    public PostfixInstance Sender { get; }

    /// The domain the receiver relays; mail goes to user@Domain.
    public string Domain { get; }

    /// Starts both instances and writes the sender's policy table.
    /// <param name="leaf">The certificate both instances serve.</param>
    /// <param name="domain">The receiver's relay_domains.</param>
    /// <param name="policy">The table entry's value for the relay, e.g. "secure match=.example.com".</param>
    /// <param name="caFile">The sender's smtp_tls_CAfile; empty for none.</param>
    /// <param name="tlsLogLevel">The sender's smtp_tls_loglevel (2 logs the cipher list).</param>
    /// <param name="configureReceiver">More receiver settings (SNI maps, no STARTTLS).</param>
    public static async Task<PolicyDelivery> StartAsync(
        TestLeaf leaf, string domain, string policy, string caFile, int tlsLogLevel = 1, Action<PostfixOptions>? configureReceiver = null)
    {
        var receiverOptions = new PostfixOptions { HostName = "mx.localhost", ListenIPv6 = false };
        receiverOptions.MainCf["relay_domains"] = domain;
        receiverOptions.MainCf["relay_transport"] = "discard:";
        configureReceiver?.Invoke(receiverOptions);
        var receiver = await PostfixInstance.StartAsync(leaf, receiverOptions);
        PostfixInstance? sender = null;
        try
        {
            var relay = $"[localhost]:{receiver.Port.ToString(CultureInfo.InvariantCulture)}";
            var senderOptions = new PostfixOptions { HostName = "sender.localhost", ListenIPv6 = false };
            senderOptions.MainCf["default_transport"] = "smtp";
            senderOptions.MainCf["relay_transport"] = "smtp";
            senderOptions.MainCf["relayhost"] = relay;
            senderOptions.MainCf["smtp_host_lookup"] = "native";
            senderOptions.MainCf["smtp_tls_security_level"] = "may";
            senderOptions.MainCf["smtp_tls_CAfile"] = caFile;
            senderOptions.MainCf["smtp_tls_loglevel"] = tlsLogLevel.ToString(CultureInfo.InvariantCulture);
            senderOptions.MainCf["smtp_tls_policy_maps"] = "texthash:$config_directory/tls_policy";
            sender = await PostfixInstance.StartAsync(leaf, senderOptions);
            await File.WriteAllTextAsync(Path.Combine(sender.ConfigDirectory, "tls_policy"), $"{relay} {policy}\n");
            return new PolicyDelivery(receiver, sender, domain);
        }
        catch
        {
            if (sender is not null)
            {
                await sender.DisposeAsync();
            }

            await receiver.DisposeAsync();
            throw;
        }
    }

    /// The "decision" input of a mailtls policy JSON report: level, match list and verdict per MX, with their origins.
    public static string Decision(JsonNode report) =>
        report["inputs"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "decision")!["origin"]!.GetValue<string>();

    /// mailtls policy DOMAIN on the sender's configuration (live handshake), as its JSON report.
    public async Task<JsonNode> ExplainAsync()
    {
        var run = await CliRun.RunAsync("policy", Domain, "--config-dir", Sender.ConfigDirectory, "--json");
        return JsonNode.Parse(run.Stdout)!;
    }

    /// Queues a message to user@Domain with the sender's sendmail and returns smtp(8)'s status= line for it.
    public async Task<string> SendAsync()
    {
        var send = await ProcessRunner.RunAsync("env", [$"MAIL_CONFIG={Sender.ConfigDirectory}", "sendmail", "-f", "postmaster@sender.localhost", $"user@{Domain}"], SendTimeout);
        send.EnsureSuccess();
        return await Sender.WaitForLogAsync(l => l.Contains($"to=<user@{Domain}>", StringComparison.Ordinal) && l.Contains("status=", StringComparison.Ordinal), DeliveryTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await Sender.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
