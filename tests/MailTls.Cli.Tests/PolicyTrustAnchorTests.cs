using System.Text.Json.Nodes;
using MailTls.Tests;
using Xunit;

namespace MailTls.Cli.Tests;

/// <summary>
/// tafile= and smtp_tls_trust_anchor_file: at verify and secure they replace smtp_tls_CAfile and
/// smtp_tls_CApath as the roots a server's chain must reach (postconf(5) smtp_tls_trust_anchor_file).
/// Certificates are made by the real openssl: mx.example.com issued by one CA, CAfile naming another.
/// </summary>
public sealed class PolicyTrustAnchorTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("mailtls-policy-ta-");

    public PolicyTrustAnchorTests() => Oracle.Shell(
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout ta.key -out ta.pem -days 30 -subj /CN=Anchor 2>/dev/null;"
        + " openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 30 -subj /CN=Other 2>/dev/null;"
        + " openssl req -newkey rsa:2048 -nodes -keyout mx.key -out mx.csr -subj /CN=mx.example.com -addext subjectAltName=DNS:mx.example.com 2>/dev/null;"
        + " openssl x509 -req -in mx.csr -CA ta.pem -CAkey ta.key -CAcreateserial -out mx.pem -days 30 -copy_extensions copy 2>/dev/null",
        _dir.FullName);

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("example.com secure match=mx.example.com tafile={dir}/ta.pem", "", "mx.example.com: Verified")]
    [InlineData("example.com secure match=mx.example.com", "", "mx.example.com: Untrusted, deferred 4.7.5 Server certificate not verified")]
    [InlineData("example.com secure match=mx.example.com", "smtp_tls_trust_anchor_file = {dir}/ta.pem", "mx.example.com: Verified")]
    [InlineData("example.com secure match=mx.example.com tafile={dir}/other.pem", "smtp_tls_trust_anchor_file = {dir}/ta.pem", "mx.example.com: Untrusted")]
    public async Task Policy_TrustAnchors_ReplaceCaFile(string entry, string mainCf, string verdict)
    {
        // Given smtp_tls_CAfile naming an unrelated CA, and trust anchors in the entry or in main.cf
        // When the destination is explained offline with the server's certificate
        var report = await RunAsync(entry.Replace("{dir}", _dir.FullName, StringComparison.Ordinal), mainCf.Replace("{dir}", _dir.FullName, StringComparison.Ordinal));

        // Then the chain is judged against the trust anchors in force, the entry's before main.cf's
        Assert.Contains(verdict, OfflinePolicyRun.Decision(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_TafileBelowVerify_EntryIsInvalid()
    {
        // Given tafile= at level encrypt, where Postfix rejects it
        var report = await RunAsync($"example.com encrypt tafile={_dir.FullName}/ta.pem", string.Empty);

        // Then the entry is reported invalid with Postfix's reason
        var finding = report["findings"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == "policy-invalid")!;
        Assert.Contains("attribute \"tafile\" invalid at security level \"encrypt\"", finding["cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private Task<JsonNode> RunAsync(string entry, string mainCf) =>
        OfflinePolicyRun.RunAsync(_dir.FullName, entry, $"{_dir.FullName}/other.pem", mainCf);
}
