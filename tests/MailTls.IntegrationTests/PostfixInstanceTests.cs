using System.Text.RegularExpressions;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests;

public sealed partial class PostfixInstanceTests : IDisposable
{
    private static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(15);
    private readonly TestCa _ca = TestCa.Create();

    public void Dispose() => _ca.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task StartAsync_SmtpdOverrideDisablesTls_StartTlsNotAdvertised()
    {
        // Given
        var leaf = _ca.IssueLeaf(LeafSpec.ForLoopback("plain.mailtls.test", KeyAlgorithm.EcdsaP256));
        var options = new PostfixOptions { ListenIPv6 = false };
        options.SmtpdOverrides["smtpd_tls_security_level"] = "none";

        // When
        IReadOnlyList<string> extensions;
        await using (var postfix = await PostfixInstance.StartAsync(leaf, options))
        {
            using var timeout = new CancellationTokenSource(IoTimeout);
            await using var smtp = await SmtpTestClient.ConnectAsync(postfix.EndPoint, IoTimeout, timeout.Token);
            extensions = await smtp.EhloAsync("client.mailtls.test", timeout.Token);
            await smtp.QuitAsync(timeout.Token);
            Assert.Null(postfix.IPv6EndPoint);
        }

        // Then
        Assert.Contains("PIPELINING", extensions);
        Assert.DoesNotContain("STARTTLS", extensions);
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitForLogAsync_NoMatchingLine_ThrowsTimeoutWithLogContent()
    {
        // Given
        var leaf = _ca.IssueLeaf(LeafSpec.ForLoopback("log.mailtls.test", KeyAlgorithm.EcdsaP256));
        await using var postfix = await PostfixInstance.StartAsync(leaf);

        // When
        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => postfix.WaitForLogAsync(line => line.Contains("no such line", StringComparison.Ordinal), TimeSpan.FromMilliseconds(300)));

        // Then
        Assert.Contains($"{postfix.InstanceName}/master[", error.Message, StringComparison.Ordinal);
        Assert.Contains("daemon started -- version", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(postfix.RootDirectory, postfix.LogFilePath, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task StartAsync_InvalidMainCf_ThrowsWithCheckOutputAndLeavesNothingBehind()
    {
        // Given
        var leaf = _ca.IssueLeaf(LeafSpec.ForLoopback("broken.mailtls.test", KeyAlgorithm.EcdsaP256));
        var options = new PostfixOptions();
        options.MainCf["inet_protocols"] = "bogus";

        // When
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostfixInstance.StartAsync(leaf, options));

        // Then
        Assert.Contains("=== postfix check", error.Message, StringComparison.Ordinal);
        Assert.Contains("postfix: fatal: unknown inet_protocols value \"bogus\"", error.Message, StringComparison.Ordinal);
        var configDirectory = ConfigDirectoryInMessage().Match(error.Message).Groups["dir"].Value;
        Assert.NotEmpty(configDirectory);
        Assert.False(Directory.Exists(configDirectory), error.Message);
        Assert.Empty(PostfixInstance.FindProcessesUsing(configDirectory));
    }

    [GeneratedRegex(@"config (?<dir>/\S+/config)\.")]
    private static partial Regex ConfigDirectoryInMessage();
}
