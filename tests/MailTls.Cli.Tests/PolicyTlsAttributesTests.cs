using System.Text.Json.Nodes;
using MailTls.Tests;
using Xunit;

namespace MailTls.Cli.Tests;

/// <summary>
/// mailtls policy's reading of ciphers=, protocols= and exclude=: the grade, cipher list and
/// protocols it shows for the destination, and policy-tls-unsatisfiable when they leave the
/// server's certificate (an openssl-made RSA key) nothing to negotiate.
/// </summary>
public sealed class PolicyTlsAttributesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("mailtls-policy-attrs-");

    public PolicyTlsAttributesTests() =>
        Oracle.Shell("openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out mx.pem -days 30 -subj /CN=mx.example.com 2>/dev/null", _dir.FullName);

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Policy_AttributesReplaceMainCf_DecisionShowsGradeProtocolsAndCipherList()
    {
        // Given an entry narrowing grade, protocols and exclusions, and main.cf exclusions it replaces
        var report = await RunAsync("example.com encrypt ciphers=high protocols=>=TLSv1.2 exclude=CAMELLIA:ARIA", "smtp_tls_mandatory_exclude_ciphers = RC4\n");

        // Then the decision names where each setting came from and the exact list smtp(8) hands to OpenSSL
        var decision = OfflinePolicyRun.Decision(report);
        Assert.Contains("grade high (ciphers=high in texthash:", decision, StringComparison.Ordinal);
        Assert.Contains("protocols TLSv1.2 TLSv1.3 (protocols=>=TLSv1.2 in texthash:", decision, StringComparison.Ordinal);
        Assert.Contains("cipher list \"aNULL:-aNULL:HIGH:@STRENGTH:!CAMELLIA:!ARIA:!eNULL\"", decision, StringComparison.Ordinal);
        Assert.DoesNotContain("policy-tls-unsatisfiable", Ids(report));
    }

    [Fact]
    public async Task Policy_ExcludeRsaWithoutTls13_RsaServerIsUnsatisfiable()
    {
        // Given a verify entry that drops TLS 1.3 and every RSA-signed suite, and a server with an RSA certificate
        var report = await RunAsync("example.com verify protocols=TLSv1.2 exclude=aRSA");

        // Then the destination is reported impossible for that server, as a deferral
        var finding = Finding(report);
        Assert.Equal("critical", finding["severity"]!.GetValue<string>());
        Assert.Contains("leaves no suite for mx.example.com's RSA certificate at TLSv1.2", Cause(finding), StringComparison.Ordinal);
        Assert.Contains("deferred (4.7.5)", Cause(finding), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_ExcludeRsaAtEncrypt_AnonymousSuitesRemainNoFinding()
    {
        // Given the same entry at encrypt, where aNULL suites stay in the list (a Postfix server accepts them)
        var report = await RunAsync("example.com encrypt protocols=TLSv1.2 exclude=aRSA");

        // Then the handshake is not called impossible
        Assert.DoesNotContain("policy-tls-unsatisfiable", Ids(report));
    }

    [Fact]
    public async Task Policy_ExcludeRsaWithTls13_ServerFactsUnknownNoFinding()
    {
        // Given the same exclusion with TLS 1.3 allowed, and only the certificate file (the server's protocols unknown)
        var report = await RunAsync("example.com encrypt exclude=aRSA");

        // Then no claim is made: a TLS 1.3 server needs no RSA-signed TLS 1.2 suite
        Assert.DoesNotContain("policy-tls-unsatisfiable", Ids(report));
    }

    [Theory]
    [InlineData("example.com may ciphers=strong", "invalid cipher grade: \"strong\"", "warning")]
    [InlineData("example.com verify exclude=ALL", "selects no TLS 1.2-and-below suite", "critical")]
    [InlineData("example.com encrypt protocols=!TLSv1:!TLSv1.1:!TLSv1.2:!TLSv1.3", "leaves no protocol to offer", "critical")]
    public async Task Policy_SettingsImpossibleForAnyServer_Reported(string entry, string cause, string severity)
    {
        // Given an entry no server can satisfy
        var report = await RunAsync(entry);

        // Then it is reported for the destination, with the severity of its level
        var finding = Finding(report);
        Assert.Contains(cause, Cause(finding), StringComparison.Ordinal);
        Assert.Equal(severity, finding["severity"]!.GetValue<string>());
    }

    private Task<JsonNode> RunAsync(string entry, string extraMainCf = "") =>
        OfflinePolicyRun.RunAsync(_dir.FullName, entry, $"{_dir.FullName}/mx.pem", extraMainCf);

    private static List<string> Ids(JsonNode report) =>
        [.. report["findings"]!.AsArray().Select(f => f!["id"]!.GetValue<string>())];

    private static JsonNode Finding(JsonNode report) =>
        report["findings"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == "policy-tls-unsatisfiable")!;

    private static string Cause(JsonNode finding) => finding["cause"]!.GetValue<string>();
}
