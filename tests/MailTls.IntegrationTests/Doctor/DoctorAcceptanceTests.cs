using System.Globalization;
using System.Text.Json.Nodes;
using MailTls.IntegrationTests.Dns;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Doctor;

/// <summary>
/// Issue 8's acceptance: a real Postfix configured like scenario 1 (TLS 1.2 and up only, at level
/// may), real TLS 1.0-only clients (openssl s_client -tls1) failing against it, and mailtls doctor
/// on that instance joining the log failures, the main.cf line and the probe into one finding;
/// then the suggested fix applied, Postfix reloaded, the clients succeed and the finding is gone.
/// </summary>
public sealed class DoctorAcceptanceTests
{
    private const int Clients = 3;

    [Fact(Timeout = 240_000)]
    public async Task Doctor_ScenarioOneOnRealPostfix_JoinedFindingThenGoneAfterTheFix()
    {
        // Given a real Postfix with scenario 1's protocol settings, and a DNS server that knows no names
        using var ca = TestCa.Create("mailtls doctor acceptance");
        var options = new PostfixOptions { HostName = "mx.mailtls.test", ListenIPv6 = false };
        options.MainCf["smtpd_tls_protocols"] = "!SSLv2,!TLSv1,!TLSv1.1,!SSLv3";
        options.MainCf["smtpd_tls_mandatory_protocols"] = "!SSLv2,!SSLv3,!TLSv1,!TLSv1.1";
        await using var postfix = await PostfixInstance.StartAsync(ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test")), options);
        using var dns = new RawDnsResponder(0x8183, 0, _ => []);

        // ... and TLS 1.0-only clients that fail against it, as Gmail did
        for (var i = 0; i < Clients; i++)
        {
            Assert.False(await Tls10ClientConnectsAsync(postfix.Port), "a TLS 1.0 client got through a TLS 1.2-only server");
        }

        await WaitForLinesAsync(postfix, "SSL_accept error from", Clients);

        // When doctor runs against that instance: its config directory, its log, its port
        var before = await DoctorAsync(postfix, dns);

        // Then the first finding joins the log failures, the main.cf line and the probe of the port
        var top = before["findings"]!.AsArray()[0]!;
        Assert.Equal("inbound-protocol-floor", top["id"]!.GetValue<string>());
        Assert.Equal(Clients, top["occurrences"]!.GetValue<int>());
        var evidence = top["evidence"]!.AsArray();
        Assert.Contains(evidence, e => e!["kind"]!.GetValue<string>() == "config-line" && e["parameter"]?.GetValue<string>() == "smtpd_tls_protocols");
        Assert.Contains(evidence, e => e!["kind"]!.GetValue<string>() == "log-line" && e["text"]!.GetValue<string>().Contains("unsupported protocol", StringComparison.Ordinal));
        var probe = evidence.First(e => e!["kind"]!.GetValue<string>() == "handshake")!;
        var refused = probe["fact"]!.GetValue<string>();
        Assert.True(refused.Contains("refuses SSLv2, SSLv3, TLSv1, TLSv1.1 offered alone", StringComparison.Ordinal) && refused.Contains("accepts TLSv1.2, TLSv1.3", StringComparison.Ordinal), refused);
        var port = postfix.Port.ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"A probe of localhost[127.0.0.1]:{port} confirms it", top["cause"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, before["findings"]!.AsArray().Count(f => f!["id"]!.GetValue<string>() == "inbound-protocol-floor"));

        // When the suggested fix is applied to the instance and Postfix reloads
        var fix = top["fix"]!["steps"]!.AsArray().Select(s => s!.GetValue<string>()).First(s => s.StartsWith("postconf -e '", StringComparison.Ordinal));
        var assignment = fix["postconf -e '".Length..fix.LastIndexOf('\'')];
        (await postfix.PostconfAsync(["-e", assignment])).EnsureSuccess();
        (await postfix.PostfixCommandAsync("reload")).EnsureSuccess();

        // ... and the same clients try again (smtpd processes of the old generation may serve one more)
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await Tls10ClientConnectsAsync(postfix.Port))
        {
            Assert.True(DateTime.UtcNow < deadline, $"TLS 1.0 clients still fail after '{assignment}' and a reload:\n{postfix.ReadLog()}");
            await Task.Delay(500);
        }

        for (var i = 1; i < Clients; i++)
        {
            Assert.True(await Tls10ClientConnectsAsync(postfix.Port));
        }

        await WaitForLinesAsync(postfix, ": TLSv1 with cipher", Clients);
        var after = await DoctorAsync(postfix, dns, discoverLog: true);

        // Then the log was found through maillog_file, the finding is gone, the log shows TLSv1 sessions, and no failure was added
        // (the first run's own probe connections came from 127.0.0.77 and are not counted)
        var log = after["inputs"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "log" && i["source"]!.GetValue<string>() == postfix.LogFilePath)!;
        Assert.StartsWith("maillog_file (", log["origin"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(after["skipped"]!.AsArray(), s => s!.GetValue<string>().Contains("the address mailtls doctor probes from", StringComparison.Ordinal));
        var findings = after["findings"]!.AsArray();
        Assert.DoesNotContain(findings, f => f!["id"]!.GetValue<string>() == "inbound-protocol-floor");
        var oldFailures = findings.Where(f => f!["id"]!.GetValue<string>() == "inbound-handshake-failures").Sum(f => f!["occurrences"]!.GetValue<int>());
        Assert.Equal(Clients, oldFailures);
        var successes = after["tables"]!.AsArray().Single(t => t!["title"]!.GetValue<string>().StartsWith("Successful TLS sessions", StringComparison.Ordinal))!;
        Assert.Contains(successes["rows"]!.AsArray(), r => r![1]!.GetValue<string>() == "TLSv1" && int.Parse(r[4]!.GetValue<string>(), CultureInfo.InvariantCulture) >= Clients);
    }

    private static async Task<JsonNode> DoctorAsync(PostfixInstance postfix, RawDnsResponder dns, bool discoverLog = false)
    {
        string[] log = discoverLog ? [] : ["--logs", postfix.LogFilePath];
        var run = await CliRun.RunAsync(
            ["doctor", "--config-dir", postfix.ConfigDirectory, .. log,
            "--mx-port", postfix.Port.ToString(CultureInfo.InvariantCulture),
            "--dns", dns.Endpoint.ToString(), "--timeout", "5", "--json"]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        return JsonNode.Parse(run.Stdout)!;
    }

    private static async Task<bool> Tls10ClientConnectsAsync(int port)
    {
        string[] arguments =
        [
            "s_client", "-brief", "-starttls", "smtp", "-connect", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "-tls1", "-cipher", "DEFAULT@SECLEVEL=0",
        ];
        var result = await ProcessRunner.RunAsync(RequiredTool.OpenSsl, arguments, TimeSpan.FromSeconds(20));
        return (result.StandardOutput + result.StandardError).Contains("CONNECTION ESTABLISHED", StringComparison.Ordinal);
    }

    private static async Task WaitForLinesAsync(PostfixInstance postfix, string text, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (postfix.ReadLogLines().Count(l => l.Contains(text, StringComparison.Ordinal)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} '{text}' lines in the log:\n{postfix.ReadLog()}");
            await Task.Delay(100);
        }
    }
}
