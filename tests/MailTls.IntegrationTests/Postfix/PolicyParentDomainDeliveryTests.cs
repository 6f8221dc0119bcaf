using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MailTls.IntegrationTests.Dns;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>
/// Parent-domain policy keys (".sub.mailtls.test") in a real delivery. The sending Postfix must find
/// the MX of deep.sub.mailtls.test in the signed test zone, but the C resolver only asks port 53
/// of the servers in /etc/resolv.conf. So a forwarding unbound listens on a random 127.x.y.z:53 and
/// the sender runs in a private mount namespace with a resolv.conf naming it; the machine's own
/// file is never touched. The MX host is relay2.mailtls.test on 127.0.0.2 (a sender on 127.0.0.1
/// would take 127.0.0.1 for itself and refuse to deliver there), reached on smtp_tcp_port.
/// mailtls policy (live, through --dns), Postfix's delivery and posttls-finger (run in the same
/// namespace, at the level and match list mailtls says the table gives) must agree.
/// </summary>
public sealed partial class PolicyParentDomainDeliveryTests(DnsZoneFixture dns) : IClassFixture<DnsZoneFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string, string, string[]> Cases => new()
    {
        // policy table, the key mailtls must say matched, Postfix's label and status, posttls-finger level and match arguments
        { ".sub.mailtls.test secure match=.mailtls.test", ".sub.mailtls.test", "Verified/sent", ["-l", "secure", "--", ".mailtls.test"] },
        { ".sub.mailtls.test secure", ".sub.mailtls.test", "Untrusted/deferred", ["-l", "secure", "--", "nexthop", "dot-nexthop"] },
        { "sub.mailtls.test secure\n.mailtls.test verify", ".mailtls.test", "Verified/sent", ["-l", "verify", "--", "hostname"] },
    };

    [Theory(Timeout = 240_000)]
    [MemberData(nameof(Cases))]
    public async Task Policy_ParentDomainKey_PredictionMatchesDeliveryAndPosttlsFinger(string table, string key, string expected, string[] finger)
    {
        var (label, status) = (expected.Split('/')[0], expected.Split('/')[1]);
        var domain = DnsZoneFixture.DeepDomain.TrimEnd('.');
        using var work = TempDirectory.Create("parent-key");

        // Given a forwarding resolver on 127.x.y.z:53 and a resolv.conf naming it
        var (stub, resolvConf) = StartStubResolver(work.Path);
        using var stubProcess = stub;

        // And a receiving Postfix for deep.sub.mailtls.test on 127.0.0.2, with a certificate for relay2.mailtls.test
        using var ca = TestCa.Create("mailtls parent-key oracle");
        var relayHost = DnsZoneFixture.SecondLoopbackHost.TrimEnd('.');
        var leaf = ca.IssueLeaf(new LeafSpec(relayHost) { DnsNames = [relayHost] });
        var secondLoopback = IPAddress.Parse("127.0.0.2");
        var relayPort = FreePort.Get(secondLoopback).ToString(CultureInfo.InvariantCulture);
        var receiverOptions = new PostfixOptions { HostName = relayHost, ListenIPv6 = false };
        receiverOptions.MainCf["relay_domains"] = domain;
        receiverOptions.MainCf["relay_transport"] = "discard:";
        receiverOptions.MasterCfLines.Add($"127.0.0.2:{relayPort} inet n - n - - smtpd");
        await using var receiver = await PostfixInstance.StartAsync(leaf, receiverOptions);

        // And a sending Postfix in its own mount namespace, delivering by MX on smtp_tcp_port with the table under test
        var senderOptions = new PostfixOptions { HostName = "sender.localhost", ListenIPv6 = false, ResolvConf = resolvConf };
        senderOptions.MainCf["default_transport"] = "smtp";
        senderOptions.MainCf["relay_transport"] = "smtp";
        senderOptions.MainCf["relayhost"] = string.Empty;
        senderOptions.MainCf["smtp_tcp_port"] = relayPort;
        senderOptions.MainCf["smtp_tls_security_level"] = "may";
        senderOptions.MainCf["smtp_tls_loglevel"] = "1";
        senderOptions.MainCf["smtp_tls_CAfile"] = ca.RootPemPath;
        senderOptions.MainCf["smtp_tls_policy_maps"] = "texthash:$config_directory/tls_policy";
        await using var sender = await PostfixInstance.StartAsync(leaf, senderOptions);
        await File.WriteAllTextAsync(Path.Combine(sender.ConfigDirectory, "tls_policy"), table + "\n");

        // When mailtls explains the destination through the test resolver, a message is sent, and posttls-finger looks
        var run = await CliRun.RunAsync("policy", domain, "--config-dir", sender.ConfigDirectory, "--dns", dns.ResolverEndpoint.ToString(), "--json");
        var report = JsonNode.Parse(run.Stdout)!;
        var decision = report["inputs"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "decision")!["origin"]!.GetValue<string>();
        var send = await ProcessRunner.RunAsync("env", [$"MAIL_CONFIG={sender.ConfigDirectory}", "sendmail", "-f", "postmaster@sender.localhost", $"user@{domain}"], Deadline);
        send.EnsureSuccess();
        var statusLine = await sender.WaitForLogAsync(l => l.Contains($"to=<user@{domain}>", StringComparison.Ordinal) && l.Contains("status=", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var fingerRun = await ProcessRunner.RunAsync(
            "env",
            [$"MAIL_CONFIG={sender.ConfigDirectory}", "unshare", "--mount", "--propagation", "private", "sh", "-ec", "mount --bind \"$1\" /etc/resolv.conf; shift; exec posttls-finger \"$@\"", "sh", resolvConf,
             "-c", "-F", ca.RootPemPath, finger[0], finger[1], $"{domain}:{relayPort}", .. finger[3..]],
            Deadline);

        // Then mailtls names the parent-domain key that matched, and its label for relay2 is Postfix's and posttls-finger's
        var facts = $"{decision}\n--- sender log ---\n{sender.ReadLog()}\n--- posttls-finger ---\n{fingerRun.StandardOutput}{fingerRun.StandardError}";
        Assert.True(decision.Contains($"tls_policy:", StringComparison.Ordinal) && decision.Contains($": {key} ", StringComparison.Ordinal), facts);
        Assert.True(decision.Contains($"{relayHost}: {label}", StringComparison.Ordinal), facts);
        Assert.True(statusLine.Contains($"status={status}", StringComparison.Ordinal), facts);
        Assert.True(TlsLabel().Match(fingerRun.StandardOutput).Groups[1].Value == label, facts);
        if (status == "sent")
        {
            Assert.Contains(sender.ReadLogLines(), l => l.Contains($"{label} TLS connection established to {relayHost}[127.0.0.2]", StringComparison.Ordinal));
        }
        else
        {
            Assert.True(statusLine.Contains("Server certificate not verified", StringComparison.Ordinal), facts);
            Assert.True(decision.Contains("deferred 4.7.5 Server certificate not verified", StringComparison.Ordinal), facts);
        }
    }

    /// <summary>Starts unbound on a random 127.x.y.z:53, forwarding everything to the test zone's resolver.</summary>
    private (BackgroundProcess Process, string ResolvConf) StartStubResolver(string directory)
    {
        for (var attempt = 0; ; attempt++)
        {
            var bytes = RandomNumberGenerator.GetBytes(3);
            var address = new IPAddress([127, (byte)(100 + (bytes[0] % 100)), bytes[1], (byte)(1 + (bytes[2] % 250))]);
            if (!FreePort.IsFree(address, 53))
            {
                continue;
            }

            var config = Path.Combine(directory, "stub-unbound.conf");
            File.WriteAllText(config, $"""
                server:
                  interface: {address}@53
                  do-ip6: no
                  do-not-query-localhost: no
                  access-control: 127.0.0.0/8 allow
                  username: ""
                  chroot: ""
                  directory: "{directory}"
                  pidfile: "{directory}/stub-unbound.pid"
                  use-syslog: no
                  module-config: "iterator"
                  local-zone: "test." nodefault
                  num-threads: 1
                  so-reuseport: no
                  cache-max-ttl: 0
                forward-zone:
                  name: "."
                  forward-addr: {dns.ResolverEndpoint.Address}@{dns.ResolverEndpoint.Port.ToString(CultureInfo.InvariantCulture)}
                """);
            var process = BackgroundProcess.Start(RequiredTool.Locate("unbound", "unbound"), ["-d", "-c", config]);
            if (FreePort.WaitUntilAcceptingAsync(new IPEndPoint(address, 53), TimeSpan.FromSeconds(10), () => !process.HasExited).GetAwaiter().GetResult())
            {
                var resolvConf = Path.Combine(directory, "resolv.conf");
                File.WriteAllText(resolvConf, $"nameserver {address}\noptions attempts:2 timeout:2\n");
                return (process, resolvConf);
            }

            var output = process.Describe();
            process.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"the stub resolver did not start on {address}:53:\n{output}");
            }
        }
    }

    [GeneratedRegex(@"(Verified|Trusted|Untrusted|Anonymous) TLS connection established")]
    private static partial Regex TlsLabel();
}
