using System.Globalization;
using System.Text.RegularExpressions;
using MailTls.Collectors.Postfix;
using MailTls.Core.Postfix;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>
/// The cipher string mailtls builds for an smtpd service against the one a real Postfix logs at
/// smtpd_tls_loglevel = 2 (<c>TLS cipher list "..."</c>) for the same configuration.
/// </summary>
public sealed partial class CipherListAgainstPostfixLogTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("medium", "", "no")]
    [InlineData("high", "aNULL, RC4, 3DES", "no")]
    [InlineData("medium", "aNULL, DES, 3DES, MD5, DES+MD5, RC4, RC4-MD5", "yes")]
    [InlineData("low", "kRSA", "no")]
    public async Task CipherString_Configuration_EqualsWhatPostfixLogs(string grade, string exclusions, string askClientCertificate)
    {
        // Given a real Postfix logging its cipher list, with this grade, these exclusions and client-certificate setting
        using var ca = TestCa.Create("mailtls cipher list oracle");
        var options = new PostfixOptions { HostName = "mx.mailtls.test", ListenIPv6 = false };
        options.MainCf["smtpd_tls_loglevel"] = "2";
        options.MainCf["smtpd_tls_ciphers"] = grade;
        options.MainCf["smtpd_tls_exclude_ciphers"] = exclusions;
        options.MainCf["smtpd_tls_ask_ccert"] = askClientCertificate;
        await using var postfix = await PostfixInstance.StartAsync(ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test")), options);

        // When a client starts TLS, and mailtls builds the string from that instance's directory
        string[] client = ["s_client", "-brief", "-starttls", "smtp", "-connect", $"127.0.0.1:{postfix.Port.ToString(CultureInfo.InvariantCulture)}"];
        await ProcessRunner.RunAsync(RequiredTool.OpenSsl, client, TimeSpan.FromSeconds(20));
        var logged = CipherListLine().Match(await postfix.WaitForLogAsync(l => CipherListLine().IsMatch(l), TimeSpan.FromSeconds(15))).Groups[1].Value;
        var (evidence, _) = await PostfixConfigCollector.CollectAsync(new PostfixConfigRequest(postfix.ConfigDirectory, null, null, null, TimeSpan.FromSeconds(30)));
        var service = InboundTlsEvaluator.Evaluate(evidence!.Configuration, evidence.Version, evidence.OpenSsl)
            .Single(s => s.ServiceName == $"127.0.0.1:{postfix.Port.ToString(CultureInfo.InvariantCulture)}");

        // Then the two strings are identical
        Assert.Equal(logged, service.Ciphers.CipherString);
    }

    [GeneratedRegex("TLS cipher list \"([^\"]*)\"")]
    private static partial Regex CipherListLine();
}
