using MailTls.Tests;
using Xunit;

namespace MailTls.Cli.Tests.Commands;

public sealed class MtaStsCommandTests
{
    [Theory]
    [InlineData("exa mple.com")]
    [InlineData("https://example.com/")]
    [InlineData(".")]
    public async Task MtaSts_NotADomain_UsageErrorWithoutNetwork(string domain)
    {
        // Given an argument that is no domain name
        // When mailtls mta-sts is run with it
        var run = await CliRun.RunAsync("mta-sts", domain);

        // Then it is a usage error that says what to give, before any lookup
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a domain name", run.Stderr, StringComparison.Ordinal);
    }
}
