using System.Globalization;
using System.Text.Json.Nodes;
using MailTls.Core.Postfix;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>
/// mailtls config on a real Postfix's own configuration directory, checked against what that
/// Postfix really does: which protocol versions openssl s_client can negotiate with it, and what
/// postconf -n reports for the parameters mailtls read.
/// </summary>
public sealed class ConfigAgainstRealPostfixTests
{
    private static readonly (string Flag, string Name)[] Versions =
    [
        ("-tls1", "TLSv1"), ("-tls1_1", "TLSv1.1"), ("-tls1_2", "TLSv1.2"), ("-tls1_3", "TLSv1.3"),
    ];

    [Theory(Timeout = 120_000)]
    [InlineData("!SSLv2, !SSLv3, !TLSv1, !TLSv1.1")]
    [InlineData(">=TLSv1")]
    [InlineData("!SSLv2, !SSLv3, !TLSv1.1")]
    [InlineData("<=TLSv1.2")]
    public async Task Config_ProtocolList_AcceptsExactlyWhatSClientNegotiates(string protocols)
    {
        // Given a real Postfix whose port-25-style service has this protocol list at level may
        using var ca = TestCa.Create("mailtls config oracle");
        var options = new PostfixOptions { HostName = "mx.mailtls.test", ListenIPv6 = false };
        options.MainCf["smtpd_tls_protocols"] = protocols;
        await using var postfix = await PostfixInstance.StartAsync(ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test")), options);

        // When mailtls config reads that instance's directory
        var run = await CliRun.RunAsync("config", postfix.ConfigDirectory, "--json");
        var service = $"127.0.0.1:{postfix.Port.ToString(CultureInfo.InvariantCulture)}";
        var row = JsonNode.Parse(run.Stdout)!["tables"]![0]!["rows"]!.AsArray()
            .Select(r => r!.AsArray().Select(c => c!.GetValue<string>()).ToList())
            .Single(r => r[0] == service);
        var claimed = row[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

        // Then every version it claims is negotiated by s_client, and every version it refuses is refused
        foreach (var (flag, name) in Versions)
        {
            var negotiated = await NegotiatesAsync(postfix.Port, flag);
            Assert.True(claimed.Contains(name) == negotiated, $"{name}: mailtls says {(claimed.Contains(name) ? "accepted" : "refused")}, s_client {(negotiated ? "negotiated it" : "was refused")} (list \"{protocols}\")");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Config_PostconfN_AgreesWithParsedValues()
    {
        // Given a real Postfix instance's configuration, with TLS settings of every shape
        using var ca = TestCa.Create("mailtls postconf oracle");
        var options = new PostfixOptions { HostName = "mx.mailtls.test", ListenIPv6 = false };
        options.MainCf["smtpd_tls_exclude_ciphers"] = "aNULL, RC4, 3DES";
        options.MainCf["smtpd_tls_mandatory_protocols"] = "$smtpd_tls_protocols";
        await using var postfix = await PostfixInstance.StartAsync(ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test")), options);

        // When postconf -n lists what is set, and mailtls parses main.cf
        var postconf = await postfix.PostconfAsync(["-n"]);
        var expected = MainCfFile.Parse(postconf.EnsureSuccess().StandardOutput, "postconf -n").Effective;
        var ours = MainCfFile.Parse(await File.ReadAllTextAsync(Path.Combine(postfix.ConfigDirectory, "main.cf")), "main.cf").Effective;

        // Then both have the same parameters with the same values
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, entry) in expected)
        {
            Assert.Equal(entry.Value, ours[name].Value);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Config_Exclusions_SuitesInListAreExactlyThoseTheServerAccepts()
    {
        // Given a real Postfix with an RSA certificate, TLS 1.2 at most, and scenario 2-like exclusions
        using var ca = TestCa.Create("mailtls suite oracle");
        var options = new PostfixOptions { HostName = "mx.mailtls.test", ListenIPv6 = false };
        options.MainCf["smtpd_tls_protocols"] = "<=TLSv1.2";
        options.MainCf["smtpd_tls_exclude_ciphers"] = "aNULL, MEDIUM, 3DES, RSA+AES, CAMELLIA";
        await using var postfix = await PostfixInstance.StartAsync(ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test")), options);

        // When mailtls config says which suites the service's list holds
        var run = await CliRun.RunAsync("config", postfix.ConfigDirectory, "--json");
        var service = $"127.0.0.1:{postfix.Port.ToString(CultureInfo.InvariantCulture)}";
        var row = JsonNode.Parse(run.Stdout)!["tables"]![0]!["rows"]!.AsArray()
            .Select(r => r!.AsArray().Select(c => c!.GetValue<string>()).ToList())
            .Single(r => r[0] == service);
        var result = Core.OpenSsl.OpenSslCipherString.Evaluate(row[3], Core.OpenSsl.OpenSslBuild.Debian12 with { SecurityLevel = 0 });
        string[] sample = ["ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305", "DHE-RSA-AES128-GCM-SHA256", "AES128-GCM-SHA256", "AES256-SHA", "CAMELLIA128-SHA"];

        // Then for each sampled RSA suite, s_client negotiates it exactly when the evaluated list holds it
        foreach (var suite in sample)
        {
            var listed = result.Suites.Any(s => s.Name == suite);
            var negotiated = await NegotiatesAsync(postfix.Port, "-tls1_2", suite);
            Assert.True(listed == negotiated, $"{suite}: mailtls {(listed ? "lists" : "does not list")} it, s_client {(negotiated ? "negotiated it" : "was refused")} (\"{row[3]}\")");
        }

        Assert.Contains(sample, s => result.Suites.Any(r => r.Name == s));
        Assert.Contains(sample, s => !result.Suites.Any(r => r.Name == s));
    }

    private static async Task<bool> NegotiatesAsync(int port, string versionFlag, string cipher = "DEFAULT@SECLEVEL=0")
    {
        string[] arguments =
        [
            "s_client", "-brief", "-starttls", "smtp", "-connect", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            versionFlag, "-cipher", cipher.Contains('@', StringComparison.Ordinal) ? cipher : cipher + ":@SECLEVEL=0",
        ];
        var result = await ProcessRunner.RunAsync(RequiredTool.OpenSsl, arguments, TimeSpan.FromSeconds(20));
        return (result.StandardOutput + result.StandardError).Contains("CONNECTION ESTABLISHED", StringComparison.Ordinal);
    }
}
