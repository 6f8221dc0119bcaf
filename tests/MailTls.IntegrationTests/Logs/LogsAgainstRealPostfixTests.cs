using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Logs;

/// <summary>
/// mailtls logs on the lines a real Postfix 3.7 with OpenSSL 3 wrote: each failure is caused for real
/// on loopback (openssl s_client with chosen options, a raw SMTP client that misbehaves after
/// STARTTLS, a sending Postfix with a policy its receiver cannot meet), and the cause and peer
/// that <c>mailtls logs --events</c> gives for that log must be the ones the test caused.
/// Not here: tls_required_by_us, because Postfix 3.7 logs no line when it refuses MAIL before
/// STARTTLS at level encrypt (only <c>mail=0/1</c> in the disconnect counters).
/// </summary>
public sealed class LogsAgainstRealPostfixTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string, string[], string, string?> InboundCases => new()
    {
        // case, main.cf overrides (name=value;...), client, expected cause, expected trust
        { "success", "", ["s_client"], "ok", "anonymous" },
        { "protocol floor", "smtpd_tls_protocols=>=TLSv1.3", ["s_client", "-tls1_2"], "protocol_version_mismatch", null },
        { "no shared cipher", "", ["s_client", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384"], "no_shared_cipher", null },
        { "client rejects our certificate", "", ["s_client", "-verify_return_error", "-CAfile", "OTHER_CA"], "peer_rejected_our_certificate", null },
        { "plaintext after STARTTLS", "", ["raw", "plaintext"], "tls_mode_mismatch", null },
        { "close after STARTTLS", "", ["raw", "close"], "peer_closed_during_handshake", null },
        { "handshake timeout", "smtpd_starttls_timeout=2s", ["raw", "idle"], "handshake_timeout", null },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(InboundCases))]
    public async Task Inbound_FailureCausedForReal_LogsGivesItsCauseAndPeer(string name, string mainCf, string[] client, string cause, string? trust)
    {
        // Given a real Postfix whose smtpd logs TLS at level 1, configured for this case
        using var ca = TestCa.Create("mailtls logs oracle " + name);
        using var otherCa = TestCa.Create("unrelated issuer");
        var options = new PostfixOptions { HostName = "mx.mailtls.test", ListenIPv6 = false };
        foreach (var setting in mainCf.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            options.MainCf[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        await using var postfix = await PostfixInstance.StartAsync(ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test")), options);

        // When a client causes the case on loopback, and mailtls reads the log Postfix wrote
        var port = postfix.Port.ToString(CultureInfo.InvariantCulture);
        var before = postfix.ReadLogLines().Count;
        if (client[0] == "s_client")
        {
            string[] arguments = ["s_client", "-brief", "-starttls", "smtp", "-connect", $"127.0.0.1:{port}", .. client[1..].Select(a => a == "OTHER_CA" ? otherCa.RootPemPath : a)];
            await ProcessRunner.RunAsync(RequiredTool.OpenSsl, arguments, TimeSpan.FromSeconds(20));
        }
        else
        {
            await MisbehaveAfterStartTlsAsync(postfix.Port, client[1]);
        }

        await WaitForDisconnectAsync(postfix, before);
        var (events, log) = await EventsAsync(postfix.LogFilePath);

        // Then exactly one inbound event names the loopback client and the cause the test produced
        // (the fixture's own banner check before it is a connection without TLS, so no event)
        var tlsEvent = Assert.Single(events, e => e.GetProperty("direction").GetString() == "inbound");
        Assert.True(cause == tlsEvent.GetProperty("cause").GetString(), $"expected {cause}, got {tlsEvent}\nfrom:\n{log}");
        Assert.Equal("127.0.0.1", tlsEvent.GetProperty("peer").GetProperty("ip").GetString());
        Assert.Equal(cause == "ok" ? "success" : "failure", tlsEvent.GetProperty("outcome").GetString());
        Assert.Equal(trust, tlsEvent.GetProperty("trust").GetString());
        if (cause != "ok")
        {
            Assert.False(string.IsNullOrEmpty(tlsEvent.GetProperty("detail").GetString()));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Startup_KeyThatDoesNotMatchTheCertificate_LogsGivesLocalTlsConfigError()
    {
        // Given a real Postfix whose smtpd_tls_key_file belongs to another certificate
        using var ca = TestCa.Create("mailtls logs oracle key mismatch");
        using var other = ca.IssueLeaf(LeafSpec.ForLoopback("other.mailtls.test"));
        var options = new PostfixOptions { HostName = "mx.mailtls.test", ListenIPv6 = false };
        options.MainCf["smtpd_tls_key_file"] = other.KeyPemPath;
        await using var postfix = await PostfixInstance.StartAsync(ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test")), options);

        // When a client connects (smtpd sets up TLS when it starts), and mailtls reads the log
        var before = postfix.ReadLogLines().Count;
        await ProcessRunner.RunAsync(RequiredTool.OpenSsl, ["s_client", "-brief", "-starttls", "smtp", "-connect", $"127.0.0.1:{postfix.Port.ToString(CultureInfo.InvariantCulture)}"], TimeSpan.FromSeconds(20));
        await WaitForDisconnectAsync(postfix, before);
        var (events, log) = await EventsAsync(postfix.LogFilePath);

        // Then the start-up error is an event of its own with the local configuration cause, naming the key file
        var startup = Assert.Single(events, e => e.GetProperty("direction").GetString() == "startup");
        Assert.True(startup.GetProperty("cause").GetString() == "local_tls_config_error", $"got {startup}\nfrom:\n{log}");
        Assert.Contains(other.KeyPemPath, startup.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string, bool, string, string?> OutboundCases => new()
    {
        // policy, receiver certificate names, sender CA file (issuer/other), receiver offers STARTTLS, expected cause, expected trust
        { "secure", ["localhost"], "issuer", true, "ok", "verified" },
        { "secure", ["localhost"], "other", true, "server_cert_untrusted", "untrusted" },
        // Postfix 3.7 labels a trusted chain whose names fail the policy "Untrusted" and logs the hostname mismatch.
        { "secure", ["mail.example.net"], "issuer", true, "server_cert_name_mismatch", "untrusted" },
        { "verify", ["localhost"], "other", true, "server_cert_untrusted", "untrusted" },
        { "encrypt", ["localhost"], "issuer", false, "tls_required_not_offered", null },
        { "may", ["localhost"], "issuer", true, "ok", "trusted" },
        { "may", ["localhost"], "other", true, "ok", "untrusted" },
    };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(OutboundCases))]
    public async Task Outbound_DeliveryUnderPolicy_LogsGivesItsCauseAndPeer(string policy, string[] names, string caFile, bool offersTls, string cause, string? trust)
    {
        // Given a receiving Postfix presenting these names (or no STARTTLS), and a sending Postfix relaying through it with this policy
        using var ca = TestCa.Create("mailtls logs outbound oracle");
        using var otherCa = TestCa.Create("unrelated issuer");
        var leaf = ca.IssueLeaf(new LeafSpec(names[0]) { DnsNames = names });
        await using var delivery = await PolicyDelivery.StartAsync(
            leaf,
            "example.com",
            policy,
            caFile == "issuer" ? ca.RootPemPath : otherCa.RootPemPath,
            configureReceiver: o =>
            {
                if (!offersTls)
                {
                    o.MainCf["smtpd_tls_security_level"] = "none";
                }
            });

        // When a message is queued to the destination, and mailtls reads the sender's log
        await delivery.SendAsync();
        var (events, log) = await EventsAsync(delivery.Sender.LogFilePath);

        // Then the outbound event names the receiver and the cause the policy produced
        var tlsEvent = Assert.Single(events, e => e.GetProperty("direction").GetString() == "outbound");
        Assert.True(cause == tlsEvent.GetProperty("cause").GetString(), $"expected {cause}, got {tlsEvent}\nfrom:\n{log}");
        Assert.Equal("127.0.0.1", tlsEvent.GetProperty("peer").GetProperty("ip").GetString());
        Assert.Equal(trust, tlsEvent.GetProperty("trust").GetString());
    }

    private static async Task<(List<JsonElement> Events, string Log)> EventsAsync(string logFile)
    {
        var run = await CliRun.RunAsync("logs", "--events", "--suffix-list", "/nonexistent/psl.dat", logFile);
        var log = await File.ReadAllTextAsync(logFile);
        Assert.True(run.ExitCode == 0, $"mailtls logs exited {run.ExitCode}: {run.Stderr}");
        var events = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
        Assert.True(events.Count > 0, "no TLS event in:\n" + log);
        return (events, log);
    }

    /// <summary>Waits until smtpd logs the end of a connection made after the log had <paramref name="before"/> lines.</summary>
    private static async Task WaitForDisconnectAsync(PostfixInstance postfix, int before)
    {
        var deadline = DateTime.UtcNow + LogWait;
        while (!postfix.ReadLogLines().Skip(before).Any(l => l.Contains("smtpd[", StringComparison.Ordinal) && l.Contains(": disconnect from ", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "smtpd logged no disconnect within " + LogWait + ":\n" + postfix.ReadLog());
            await Task.Delay(100);
        }
    }

    /// <summary>EHLO, STARTTLS, then instead of a ClientHello: plaintext, a close, or silence until the server gives up.</summary>
    private static async Task MisbehaveAfterStartTlsAsync(int port, string how)
    {
        using var tcp = new TcpClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await tcp.ConnectAsync("127.0.0.1", port, deadline.Token);
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await ReplyAsync(reader, deadline.Token);
        foreach (var command in new[] { "EHLO client.mailtls.test", "STARTTLS" })
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), deadline.Token);
            await ReplyAsync(reader, deadline.Token);
        }

        switch (how)
        {
            case "plaintext":
                await stream.WriteAsync(Encoding.ASCII.GetBytes("MAIL FROM:<postmaster@client.mailtls.test>\r\n"), deadline.Token);
                await DrainAsync(stream, deadline.Token);
                break;
            case "idle":
                // The server's STARTTLS timeout ends the connection; reading waits for that close.
                await DrainAsync(stream, deadline.Token);
                break;
        }
    }

    private static async Task ReplyAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line && line.Length > 3 && line[3] == '-')
        {
        }
    }

    private static async Task DrainAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (IOException)
        {
            // The server resets the connection once the handshake fails: that is the point.
        }
    }
}
