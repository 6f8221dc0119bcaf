using System.Globalization;
using System.Net;
using System.Text.Json;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;
using Xunit.Abstractions;

namespace MailTls.IntegrationTests.Probe;

/// `mailtls probe` end to end against real Postfix instances and openssl s_server: what an
/// administrator reads in the report (protocols, suites, chains, findings, cost) must match how
/// the server was configured.
public sealed class ProbeCommandTests(ITestOutputHelper output)
{
    private async Task<JsonElement> ProbeJsonAsync(params string[] args)
    {
        var (exit, stdout, stderr, _) = await CliRun.RunAsync(["probe", .. args, "--json", "--timeout", "10", "--ehlo", "probe.mailtls.test"]);
        output.WriteLine($"exit {exit}\n{stderr}\n{stdout}");
        Assert.True(exit is 0 or 1, $"exit {exit}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static List<string> FindingIds(JsonElement report) =>
        [.. report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];

    private static JsonElement Finding(JsonElement report, string id) =>
        report.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("id").GetString() == id);

    private static List<List<string>> Rows(JsonElement report, string titleContains) =>
        [.. report.GetProperty("tables").EnumerateArray()
            .Where(t => t.GetProperty("title").GetString()!.Contains(titleContains, StringComparison.Ordinal))
            .SelectMany(t => t.GetProperty("rows").EnumerateArray())
            .Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList())];

    private static Dictionary<string, string> Accepted(JsonElement report) =>
        Rows(report, "protocol versions").ToDictionary(r => r[0], r => r[1]);

    [Fact]
    public async Task Probe_DualRsaAndEcdsaCertificates_ReportsBothChainsSeparatelyAndTrusted()
    {
        // Given: Postfix with an RSA and an ECDSA certificate, both from the test CA
        using var ca = TestCa.Create();
        using var rsa = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        using var ecdsa = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test", KeyAlgorithm.EcdsaP256));
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MainCf["smtpd_tls_eccert_file"] = ecdsa.ChainPemPath;
        options.MainCf["smtpd_tls_eckey_file"] = ecdsa.KeyPemPath;
        await using var postfix = await PostfixInstance.StartAsync(rsa, options);

        // When
        var report = await ProbeJsonAsync($"127.0.0.1:{postfix.Port}", "--ca-file", ca.RootPemPath);

        // Then: two chains, each with its own leaf, each trusted by the CA
        var certificates = Rows(report, "certificates");
        var leaves = certificates.Where(r => r[1] == "1").ToList();
        Assert.Equal(["ECDSA", "RSA"], leaves.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.All(leaves, r => Assert.StartsWith("trusted", r[8], StringComparison.Ordinal));
        Assert.Contains(leaves, r => r[0] == "RSA" && r[4] == "RSA 2048");
        Assert.Contains(leaves, r => r[0] == "ECDSA" && r[4] == "ECDSA 256");
        // Each chain was read in plaintext (TLS 1.2 or older) and again in TLS 1.3 (decrypted), and is shown once.
        Assert.All(leaves, r => Assert.Matches(@"^TLSv1(\.[12])? .*\(raw hello\); TLSv1\.3 .*\(raw hello, decrypted\)$", r[9]));
        Assert.Equal("yes", Accepted(report)["TLSv1.2"]);
        var suites = Rows(report, "cipher suites").Where(r => r[0] == "TLSv1.2").Select(r => r[2]).ToList();
        Assert.Contains("ECDHE-ECDSA-AES256-GCM-SHA384", suites);
        Assert.Contains("ECDHE-RSA-AES256-GCM-SHA384", suites);
        Assert.DoesNotContain("cert-name-mismatch", FindingIds(report));
    }

    [Fact]
    public async Task Probe_LeafWithoutIntermediate_RaisesChainIncompleteAndUntrusted()
    {
        // Given: Postfix serving only the leaf, whose issuer is the CA's intermediate
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MainCf["smtpd_tls_cert_file"] = leaf.CertificatePemPath;
        await using var postfix = await PostfixInstance.StartAsync(leaf, options);

        // When
        var report = await ProbeJsonAsync($"127.0.0.1:{postfix.Port}", "--ca-file", ca.RootPemPath, "--no-senders");

        // Then
        var finding = Finding(report, "cert-chain-incomplete");
        Assert.Contains(ca.Intermediate.Subject, finding.GetProperty("cause").GetString(), StringComparison.Ordinal);
        var leafRow = Rows(report, "certificates").Single();
        Assert.StartsWith("untrusted", leafRow[8], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_ExpiredCertificate_RaisesCriticalCertExpiring()
    {
        // Given
        using var ca = TestCa.Create();
        var now = DateTimeOffset.UtcNow;
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test") with { NotBefore = now.AddDays(-30), NotAfter = now.AddDays(-3) });
        await using var postfix = await PostfixInstance.StartAsync(leaf, new PostfixOptions { ListenIPv6 = false });

        // When
        var report = await ProbeJsonAsync($"127.0.0.1:{postfix.Port}", "--ca-file", ca.RootPemPath, "--no-senders");

        // Then
        var finding = Finding(report, "cert-expiring");
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Contains("expired", finding.GetProperty("cause").GetString(), StringComparison.Ordinal);
        Assert.Equal("-3", Rows(report, "certificates").First(r => r[1] == "1")[7]);
    }

    [Fact]
    public async Task Probe_NoStartTls_SaysSoAfterOneConnection()
    {
        // Given: smtpd_tls_security_level = none
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MainCf["smtpd_tls_security_level"] = "none";
        await using var postfix = await PostfixInstance.StartAsync(leaf, options);

        // When
        var (exit, stdout, stderr, _) = await CliRun.RunAsync("probe", $"127.0.0.1:{postfix.Port}", "--json", "--fail-on", "critical");
        output.WriteLine(stdout + stderr);
        var report = JsonDocument.Parse(stdout).RootElement;

        // Then: one connection, no handshake, and the finding names the missing keyword
        Assert.Equal(1, exit);
        Assert.Equal(["starttls-not-offered"], FindingIds(report));
        var cost = Rows(report, "facts").Single(r => r[0] == "Cost")[1];
        Assert.StartsWith("1 TCP connections, 0 raw hellos + 0 full handshakes", cost, StringComparison.Ordinal);
        Assert.DoesNotContain(Rows(report, "facts"), r => r[0] == "Full handshake (OpenSSL)");
    }

    [Fact]
    public async Task Probe_WrapperModeListener_ProbesWithTlsOnConnect()
    {
        // Given: a second smtpd listener with smtpd_tls_wrappermode = yes (the port-465 set-up)
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var wrapperPort = FreePort.Get(IPAddress.Loopback);
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MasterCfLines.Add($"127.0.0.1:{wrapperPort} inet n - n - - smtpd");
        options.MasterCfLines.Add("  -o smtpd_tls_wrappermode=yes");
        await using var postfix = await PostfixInstance.StartAsync(leaf, options);
        Assert.True(await FreePort.WaitUntilAcceptingAsync(new IPEndPoint(IPAddress.Loopback, wrapperPort), TimeSpan.FromSeconds(10)));

        // When
        var report = await ProbeJsonAsync($"127.0.0.1:{wrapperPort}", "--implicit-tls", "--ca-file", ca.RootPemPath, "--no-senders");

        // Then
        var facts = Rows(report, "facts").ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("TLS on connect", facts["SMTP"]);
        Assert.Equal("yes", Accepted(report)["TLSv1.2"]);
        Assert.Equal("yes", Accepted(report)["TLSv1.3"]);
        Assert.StartsWith("Tls13", facts["Full handshake (OpenSSL)"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-tls1", "TLSv1")]
    [InlineData("-tls1_1", "TLSv1.1")]
    public async Task Probe_OpenSslServerLegacyOnly_DetectsVersionTheLocalOpenSslCannotSpeak(string flag, string version)
    {
        // Given: openssl s_server that speaks only TLS 1.0 or 1.1, at security level 0
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("legacy.mailtls.test"));
        var serverOptions = new OpenSslServerOptions(leaf) { Cipher = "ALL:@SECLEVEL=0" };
        serverOptions.ProtocolOptions.Add(flag);
        using var server = await OpenSslServer.StartAsync(serverOptions);

        // When
        var report = await ProbeJsonAsync($"127.0.0.1:{server.Port}", "--implicit-tls", "--no-senders");

        // Then: exactly that version, with suites, and the legacy finding
        var accepted = Accepted(report);
        Assert.Equal("yes", accepted[version]);
        Assert.All(accepted.Where(p => p.Key != version), p => Assert.Equal("no", p.Value));
        Assert.Contains(Rows(report, "cipher suites"), r => r[0] == version);
        Assert.Contains("legacy-protocol-accepted", FindingIds(report));
        var cost = Rows(report, "facts").Single(r => r[0] == "Cost")[1];
        output.WriteLine(cost);
        Assert.True(int.Parse(cost.Split(' ')[0], CultureInfo.InvariantCulture) < 80, cost);
    }

    [Fact]
    public async Task Probe_TerminalReport_ShowsCapabilityTablesFindingsAndCost()
    {
        // Given: Postfix with a server-ordered two-suite list, TLS 1.2 and later
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test") with { NotAfter = DateTimeOffset.UtcNow.AddDays(365) });
        var options = new PostfixOptions { ListenIPv6 = false };
        options.MainCf["smtpd_tls_protocols"] = ">=TLSv1.2";
        options.MainCf["tls_medium_cipherlist"] = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256";
        options.MainCf["tls_preempt_cipherlist"] = "yes";
        await using var postfix = await PostfixInstance.StartAsync(leaf, options);

        // When
        var (exit, _, stderr, terminal) = await CliRun.RunAsync("probe", $"127.0.0.1:{postfix.Port}", "--ca-file", ca.RootPemPath, "--ehlo", "probe.mailtls.test");
        output.WriteLine(terminal + stderr);

        // Then: the suites in server order with their IANA names and codes, the senders refused by the floor, the cost
        Assert.Equal(1, exit);
        var lines = terminal.Split('\n');
        var first = Array.FindIndex(lines, l => l.Contains("ECDHE-RSA-AES256-GCM-SHA384", StringComparison.Ordinal) && l.Contains("0xC030", StringComparison.Ordinal));
        var second = Array.FindIndex(lines, l => l.Contains("ECDHE-RSA-AES128-GCM-SHA256", StringComparison.Ordinal) && l.Contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", StringComparison.Ordinal));
        Assert.True(first >= 0 && second > first, terminal);
        Assert.Contains("inbound-protocol-floor", terminal, StringComparison.Ordinal);
        Assert.Matches(@"\d+ TCP connections, \d+ raw hellos \+ 1 full handshakes", terminal);
    }

    [Fact]
    public async Task Probe_SniNamesSecondCertificate_ServerServesItOnlyWhenAsked()
    {
        // Given: openssl s_server with a default certificate and a second one for the SNI name mx2.mailtls.test
        using var ca = TestCa.Create();
        using var first = ca.IssueLeaf(LeafSpec.ForLoopback("mx1.mailtls.test"));
        using var second = ca.IssueLeaf(LeafSpec.ForLoopback("mx2.mailtls.test"));
        var serverOptions = new OpenSslServerOptions(first);
        serverOptions.ExtraArguments.Add("-servername");
        serverOptions.ExtraArguments.Add("mx2.mailtls.test");
        serverOptions.ExtraArguments.Add("-cert2");
        serverOptions.ExtraArguments.Add(second.CertificatePemPath);
        serverOptions.ExtraArguments.Add("-key2");
        serverOptions.ExtraArguments.Add(second.KeyPemPath);
        using var server = await OpenSslServer.StartAsync(serverOptions);

        // When: probed without SNI (the default), then with --sni naming the second certificate
        var plain = await ProbeJsonAsync($"127.0.0.1:{server.Port}", "--implicit-tls", "--no-senders");
        var named = await ProbeJsonAsync($"127.0.0.1:{server.Port}", "--implicit-tls", "--no-senders", "--sni", "mx2.mailtls.test");

        // Then: only the probe that sent the name got the second certificate, and each report says which SNI it sent
        static string Leaf(JsonElement report) => Rows(report, "certificates").Single(r => r[1] == "1")[2];
        static string Sni(JsonElement report) => Rows(report, "facts").Single(r => r[0] == "SNI sent")[1];
        Assert.Contains("mx1.mailtls.test", Leaf(plain), StringComparison.Ordinal);
        Assert.Equal("none", Sni(plain));
        Assert.Contains("mx2.mailtls.test", Leaf(named), StringComparison.Ordinal);
        Assert.Equal("mx2.mailtls.test", Sni(named));
    }

    [Fact]
    public async Task Probe_SniNotAHostName_IsAUsageError()
    {
        // When
        var (exit, _, stderr, _) = await CliRun.RunAsync("probe", "127.0.0.1:1", "--sni", "192.0.2.1");

        // Then: refused before any connection
        Assert.Equal(2, exit);
        Assert.Contains("--sni", stderr, StringComparison.Ordinal);
    }
}
