using System.Text.Json.Nodes;
using MailTls.Tests;
using Xunit;

namespace MailTls.Cli.Tests;

/// <summary>
/// cert-key-weak and dh-params-weak on key and parameter files made by the real openssl, and
/// openssl's own reading of the DH prime size as the oracle for mailtls's.
/// </summary>
public sealed class KeyStrengthFindingsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("mailtls-keysize-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Config_Rsa1024AndDh1024_ReportsBothWithTheReleaseSpecificFix()
    {
        // Given a 1024-bit RSA certificate and 1024-bit DH parameters, as openssl makes them
        Oracle.Shell(
            "openssl req -x509 -newkey rsa:1024 -nodes -keyout key.pem -out cert.pem -days 30 -subj /CN=mx.example.com 2>/dev/null;"
            + " openssl dhparam -dsaparam -out dh1024.pem 1024 2>/dev/null",
            _dir.FullName);
        await WriteMainCfAsync("dh1024.pem");

        // When mailtls config runs as Postfix 3.7.11 and as 3.0.15
        var modern = await RunAsync("3.7.11");
        var old = await RunAsync("3.0.15");

        // Then both findings are raised, with the key size and the prime size openssl itself reports
        var primeBits = Oracle.Shell("openssl pkeyparam -in dh1024.pem -text -noout | head -n 1", _dir.FullName);
        Assert.Contains("1024 bit", primeBits, StringComparison.Ordinal);
        var key = Finding(modern, "cert-key-weak");
        Assert.Contains("1024-bit RSA key", key["cause"]!.GetValue<string>(), StringComparison.Ordinal);
        var dh = Finding(modern, "dh-params-weak");
        Assert.Contains("1024-bit DH group", dh["cause"]!.GetValue<string>(), StringComparison.Ordinal);

        // And the fix is to drop the file where the built-in group is 2048 bits (3.1+), to generate one before
        Assert.Contains("postconf -X smtpd_tls_dh1024_param_file", Steps(dh));
        Assert.Contains("openssl dhparam -out /etc/postfix/dh2048.pem 2048", Steps(Finding(old, "dh-params-weak")));
    }

    [Fact]
    public async Task Doctor_Dh1024_ReportsTheWeakGroupLikeConfig()
    {
        // Given 1024-bit DH parameters as openssl makes them, and a server with no log lines yet
        Oracle.Shell(
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 30 -subj /CN=mx.example.com 2>/dev/null;"
            + " openssl dhparam -dsaparam -out dh1024.pem 1024 2>/dev/null",
            _dir.FullName);
        await WriteMainCfAsync("dh1024.pem");
        var log = Path.Combine(_dir.FullName, "mail.log");
        await File.WriteAllTextAsync(log, string.Empty);

        // When mailtls doctor examines that server
        var run = await CliRun.RunAsync(
            "doctor", "--offline", "--config-dir", _dir.FullName, "--logs", log, "--postfix-version", "3.7.11", "--openssl", "3.0.15", "--json");

        // Then the weak group is reported there too, with the fix for the release
        var dh = Finding(JsonNode.Parse(run.Stdout)!, "dh-params-weak");
        Assert.Contains("1024-bit DH group", dh["cause"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("postconf -X smtpd_tls_dh1024_param_file", Steps(dh));
    }

    [Fact]
    public async Task Config_Rsa2048AndFfdhe2048_RaisesNeither()
    {
        // Given a 2048-bit RSA certificate and the RFC 7919 ffdhe2048 group
        Oracle.Shell(
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 30 -subj /CN=mx.example.com 2>/dev/null;"
            + " openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out dh2048.pem",
            _dir.FullName);
        await WriteMainCfAsync("dh2048.pem");

        // When mailtls config runs
        var report = await RunAsync("3.7.11");

        // Then neither finding is raised
        var ids = report["findings"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("cert-key-weak", ids);
        Assert.DoesNotContain("dh-params-weak", ids);
    }

    [Fact]
    public async Task Config_DhFileHoldsACertificate_ReportsItUnusable()
    {
        // Given smtpd_tls_dh1024_param_file pointing at the certificate by mistake
        Oracle.Shell("openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 30 -subj /CN=mx.example.com 2>/dev/null", _dir.FullName);
        await WriteMainCfAsync("cert.pem");

        // When mailtls config runs
        var report = await RunAsync("3.7.11");

        // Then the file is named as unusable, saying what it holds instead
        Assert.Contains("holds CERTIFICATE, not DH PARAMETERS", Finding(report, "dh-params-weak")["cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task WriteMainCfAsync(string dhFile)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "main.cf"), $"""
            myhostname = mx.example.com
            smtpd_tls_security_level = may
            smtpd_tls_cert_file = {_dir.FullName}/cert.pem
            smtpd_tls_key_file = {_dir.FullName}/key.pem
            smtpd_tls_dh1024_param_file = {_dir.FullName}/{dhFile}
            """);
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "master.cf"), "smtp inet n - y - - smtpd\n");
    }

    private async Task<JsonNode> RunAsync(string postfix)
    {
        var run = await CliRun.RunAsync("config", _dir.FullName, "--postfix-version", postfix, "--openssl", "3.0.15", "--json");
        return JsonNode.Parse(run.Stdout)!;
    }

    private static JsonNode Finding(JsonNode report, string id) =>
        report["findings"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == id)!;

    private static List<string> Steps(JsonNode finding) =>
        [.. finding["fix"]!["steps"]!.AsArray().Select(s => s!.GetValue<string>())];
}
