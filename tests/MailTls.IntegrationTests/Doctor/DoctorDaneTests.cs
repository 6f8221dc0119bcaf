using System.Globalization;
using System.Text.Json.Nodes;
using MailTls.Core.Dns;
using MailTls.IntegrationTests.Dns;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Doctor;

/// <summary>
/// Scenario 4 through <c>mailtls doctor</c>'s DNS path: a real Postfix serving a TestCa certificate
/// for its myhostname, the DNSSEC-signed zone (knot behind a validating unbound) still publishing
/// TLSA records of the previous key at <c>_25._tcp.stale.mailtls.test</c>, and a real DANE client
/// (openssl s_client with those records) aborting with "bad certificate" so that Postfix logs the
/// rejection. Doctor must join the log lines with the mismatch and name the record to publish;
/// once that record is in the zone, the finding is gone.
/// </summary>
public sealed class DoctorDaneTests(DnsZoneFixture dns) : IClassFixture<DnsZoneFixture>
{
    private const string Host = "stale.mailtls.test";

    [Fact(Timeout = 180_000)]
    public async Task Doctor_StaleTlsaOnRealPostfix_JoinedMismatchThenGoneAfterPublishing()
    {
        // Given a real Postfix serving a renewed certificate, and the zone's TLSA records of the previous key
        using var ca = TestCa.Create("mailtls doctor scenario 4");
        var current = ca.IssueLeaf(new LeafSpec(Host) { DnsNames = [Host] });
        await using var postfix = await PostfixInstance.StartAsync(current, new PostfixOptions { HostName = Host, ListenIPv6 = false });
        var stale = TlsaCalculator.Compute(dns.PreviousChain[0]);

        // ... and a DANE-validating sender that holds the stale record and aborts the handshake, as Comcast's did
        var client = await DaneClientAsync(postfix.Port, stale);
        Assert.DoesNotContain("Verification: OK", client, StringComparison.Ordinal);
        await postfix.WaitForLogAsync(l => l.Contains("alert bad certificate", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // When doctor runs on that instance with the zone's resolver
        var before = await DoctorAsync(postfix);

        // Then the top finding joins the mismatch with the logged rejection and gives the 3 1 1 record openssl computes
        var findings = before["findings"]!.AsArray();
        var finding = findings.SingleOrDefault(f => f!["id"]!.GetValue<string>() == "dane-tlsa-mismatch");
        Assert.True(finding is not null, before.ToJsonString() + dns.Logs);
        Assert.Equal("dane-tlsa-mismatch", findings[0]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(findings, f => f!["id"]!.GetValue<string>() == "peer-rejects-our-certificate");
        Assert.Equal(1, finding!["occurrences"]!.GetValue<int>());
        Assert.Contains(finding["evidence"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "log-line"
            && e["text"]!.GetValue<string>().Contains("bad certificate", StringComparison.Ordinal));
        Assert.Contains($"_25._tcp.{Host}.", finding["cause"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"the certificate {Host}:{postfix.Port.ToString(CultureInfo.InvariantCulture)} presents", finding["cause"]!.GetValue<string>(), StringComparison.Ordinal);
        var expected = $"3 1 1 {await SpkiSha256Async(current.KeyPemPath)}";
        var steps = finding["fix"]!["steps"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Contains(steps, s => s.StartsWith($"_25._tcp.{Host}.", StringComparison.Ordinal) && s.EndsWith(expected, StringComparison.OrdinalIgnoreCase));

        // When that record is published beside the stale ones (knotd re-signs) and doctor runs again
        Assert.True(TlsaRecord.TryParse(expected, out var record, out var error), error);
        await dns.PublishAsync($"_25._tcp.{Host}.", [record!]);
        var after = await DoctorAsync(postfix);

        // Then the mismatch is gone; the old rejections remain as what they are, the peer's alert
        var remaining = after["findings"]!.AsArray();
        Assert.DoesNotContain(remaining, f => f!["id"]!.GetValue<string>() == "dane-tlsa-mismatch");
        Assert.Contains(remaining, f => f!["id"]!.GetValue<string>() == "peer-rejects-our-certificate");
        var table = after["tables"]!.AsArray().Single(t => t!["title"]!.GetValue<string>().StartsWith("DANE and MTA-STS", StringComparison.Ordinal))!;
        Assert.Contains(table["rows"]!.AsArray(), r => r![1]!.GetValue<string>() == $"_25._tcp.{Host}." && r[2]!.GetValue<string>().Contains("DNSSEC secure", StringComparison.Ordinal)
            && r[3]!.GetValue<string>() == "Match");
    }

    private async Task<JsonNode> DoctorAsync(PostfixInstance postfix)
    {
        var run = await CliRun.RunAsync(
            ["doctor", "--config-dir", postfix.ConfigDirectory, "--logs", postfix.LogFilePath, "--host", Host,
            "--mx-port", postfix.Port.ToString(CultureInfo.InvariantCulture),
            "--dns", dns.ResolverEndpoint.ToString(), "--timeout", "5", "--json"]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr + run.Stdout);
        return JsonNode.Parse(run.Stdout)!;
    }

    /// <summary>openssl s_client as a DANE sender: the TLSA record given on the command line, verification errors fatal.</summary>
    private static async Task<string> DaneClientAsync(int port, TlsaRecord record)
    {
        string[] arguments =
        [
            "s_client", "-brief", "-starttls", "smtp", "-connect", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "-dane_tlsa_domain", Host, "-dane_tlsa_rrdata", record.ToPresentation(), "-verify_return_error",
        ];
        var result = await ProcessRunner.RunAsync(RequiredTool.OpenSsl, arguments, TimeSpan.FromSeconds(20));
        return result.StandardOutput + result.StandardError;
    }

    /// <summary>The oracle: SHA-256 of the DER SubjectPublicKeyInfo, by openssl pkey and dgst.</summary>
    private static async Task<string> SpkiSha256Async(string keyPath)
    {
        using var directory = TempDirectory.Create("mailtls-spki-");
        var der = Path.Combine(directory.Path, "spki.der");
        (await ProcessRunner.RunAsync(RequiredTool.OpenSsl, ["pkey", "-in", keyPath, "-pubout", "-outform", "DER", "-out", der], TimeSpan.FromSeconds(20))).EnsureSuccess();
        var digest = (await ProcessRunner.RunAsync(RequiredTool.OpenSsl, ["dgst", "-sha256", "-r", der], TimeSpan.FromSeconds(20))).EnsureSuccess();
        return digest.StandardOutput.Split(' ')[0].Trim();
    }
}
