using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>A real Postfix serving scenario 3's certificate names, shared by the tests of this class.</summary>
public sealed class MessagingEngineServer : IAsyncLifetime
{
    internal TestCa Ca { get; } = TestCa.Create("mailtls policy oracle");

    internal PostfixInstance Postfix { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var leaf = Ca.IssueLeaf(new LeafSpec("*.messagingengine.com")
        {
            DnsNames = ["*.messagingengine.com", "messagingengine.com", "mail.messagingengine.com"],
        });
        Postfix = await PostfixInstance.StartAsync(leaf, new PostfixOptions { HostName = "in1-smtp.messagingengine.com", ListenIPv6 = false });
    }

    public async Task DisposeAsync()
    {
        await Postfix.DisposeAsync();
        Ca.Dispose();
    }
}

/// <summary>
/// mailtls policy's verdict, from a live STARTTLS handshake with a real Postfix, against
/// posttls-finger's verdict for the same server, level and match list (the oracle).
/// </summary>
public sealed partial class PolicyLiveOracleTests(MessagingEngineServer server) : IClassFixture<MessagingEngineServer>, IDisposable
{
    private readonly DirectoryInfo _config = Directory.CreateTempSubdirectory("mailtls-policy-live-");

    public void Dispose() => _config.Delete(recursive: true);

    [Theory]
    [InlineData(".messagingengine.com", "Verified")]
    [InlineData("fastmail.fm:.fastmail.fm", "Untrusted")]
    [InlineData("mail.messagingengine.com", "Verified")]
    [InlineData("in1-smtp.messagingengine.com", "Verified")]
    [InlineData("a.b.messagingengine.com", "Untrusted")]
    [InlineData(".com", "Verified")]
    public async Task Policy_SecureMatchList_SameVerdictAsPosttlsFinger(string match, string expected)
    {
        // Given a secure policy for the relay with this match list, trusting the test CA
        var relay = $"[127.0.0.1]:{server.Postfix.Port}";
        await WriteConfigAsync(relay, match, server.Ca.RootPemPath);

        // When mailtls explains the destination with a live handshake, and posttls-finger connects the same way
        var ours = await MailtlsLabelAsync();
        var oracle = await PosttlsFingerLabelAsync(relay, match, server.Ca.RootPemPath, _config.FullName);

        // Then both reach the same verdict, the one expected from Postfix 3.7's rules
        Assert.Equal(oracle, ours);
        Assert.Equal(expected, ours);
    }

    [Fact]
    public async Task Policy_UnknownCa_UntrustedLikePosttlsFinger()
    {
        // Given a CA file that did not issue the server's chain
        using var other = TestCa.Create("unrelated");
        var relay = $"[127.0.0.1]:{server.Postfix.Port}";
        await WriteConfigAsync(relay, ".messagingengine.com", other.RootPemPath);

        // When both look
        var ours = await MailtlsLabelAsync();
        var oracle = await PosttlsFingerLabelAsync(relay, ".messagingengine.com", other.RootPemPath, _config.FullName);

        // Then the chain is not trusted by either
        Assert.Equal(oracle, ours);
        Assert.Equal("Untrusted", ours);
    }

    private async Task WriteConfigAsync(string relay, string match, string caFile)
    {
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "main.cf"), $"""
            smtp_tls_security_level = may
            relayhost = {relay}
            smtp_tls_policy_maps = texthash:$config_directory/tls_policy
            smtp_tls_CAfile = {caFile}
            """);
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "master.cf"), "smtp unix - - n - - smtp\n");
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "tls_policy"), $"{relay} secure match={match}\n");
    }

    private async Task<string> MailtlsLabelAsync()
    {
        var run = await CliRun.RunAsync(
            "policy", "fastmail.fm", "--config-dir", _config.FullName, "--postfix-version", "3.7.11", "--openssl", "3.0.15", "--json");
        var decision = JsonNode.Parse(run.Stdout)!["inputs"]!.AsArray()
            .Single(i => i!["kind"]!.GetValue<string>() == "decision")!["origin"]!.GetValue<string>();
        var label = HostLabel().Match(decision);
        Assert.True(label.Success, decision + run.Stderr);
        return label.Groups[1].Value;
    }

    private static async Task<string> PosttlsFingerLabelAsync(string relay, string match, string caFile, string configDirectory)
    {
        RequiredTool.Locate("posttls-finger", "postfix");

        // posttls-finger reads main.cf (MAIL_CONFIG) but no tables: the match list goes on the command line.
        string[] arguments = [$"MAIL_CONFIG={configDirectory}", "posttls-finger", "-c", "-l", "secure", "-F", caFile, "-L", "summary", relay, .. match.Split(':')];
        var result = await ProcessRunner.RunAsync("env", arguments, TimeSpan.FromSeconds(30));
        var label = FingerLabel().Match(result.StandardOutput + result.StandardError);
        Assert.True(label.Success, result.Describe());
        return label.Groups[1].Value;
    }

    [GeneratedRegex(@"127\.0\.0\.1: (Verified|Trusted|Untrusted|Anonymous)")]
    private static partial Regex HostLabel();

    [GeneratedRegex(@"(Verified|Trusted|Untrusted|Anonymous) TLS connection established")]
    private static partial Regex FingerLabel();
}
