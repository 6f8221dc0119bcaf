using MailTls.Tests;
using Xunit;
namespace MailTls.Cli.Tests;

public class MailTlsAppTests
{
    [Fact]
    public async Task RunAsync_Help_ListsEveryGlobalOption()
    {
        // Given / When the user asks for help
        var run = await CliRun.RunAsync("--help");

        // Then every global option is listed and the exit code is 0
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--json", "--html", "--no-color", "--dns", "--timeout", "--fail-on", "--version" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_Version_PrintsAssemblyVersion()
    {
        // Given / When
        var run = await CliRun.RunAsync("--version");

        // Then the version of the build is printed alone
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(MailTlsApp.Version, run.Stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout.Trim());
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("explain", "--dns", "dns.example")]
    [InlineData("explain", "--dns", "127.0.0.1:99999")]
    [InlineData("explain", "--timeout", "0")]
    [InlineData("explain", "--timeout", "-3")]
    [InlineData("explain", "--timeout", "soon")]
    [InlineData("explain", "--fail-on", "fatal")]
    [InlineData("explain", "a", "b")]
    [InlineData("explain", "no-such-finding")]
    public async Task RunAsync_UsageError_ExitsTwoWithOneLine(params string[] args)
    {
        // Given / When a command line with a mistake
        var run = await CliRun.RunAsync(args);

        // Then it exits 2 with exactly one line on standard error, and no stack trace
        Assert.Equal((int)ExitCode.Usage, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("mailtls: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at ", run.Stderr);
    }

    [Fact]
    public async Task RunAsync_NoCommand_ShowsHelpAndExitsTwo()
    {
        // Given / When mailtls is run bare
        var run = await CliRun.RunAsync();

        // Then it shows the commands and tells scripts it was a usage error
        Assert.Equal((int)ExitCode.Usage, run.ExitCode);
        Assert.Contains("explain", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExplainWithoutId_ListsCatalogue()
    {
        // Given / When
        var run = await CliRun.RunAsync("explain", "--no-color");

        // Then every catalogued id is listed with its title
        Assert.Equal(0, run.ExitCode);
        foreach (var definition in Diagnosis.Findings.FindingCatalogue.All)
        {
            Assert.Contains(definition.Id.Value, run.Terminal, StringComparison.Ordinal);
            Assert.Contains(definition.Title, run.Terminal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_ExplainOneId_ShowsDocumentationLink()
    {
        // Given / When
        var run = await CliRun.RunAsync("explain", "source-unavailable");

        // Then the entry and where to read more are shown
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("docs/findings.md#source-unavailable", run.Terminal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Bug_PrintsThisIsABugWithStack()
    {
        // Given a host whose console cannot be created: an internal failure, not a user mistake
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var host = new CliHost(_ => throw new InvalidOperationException("console exploded"), stdout, stderr, TimeProvider.System);

        // When a command that writes to the terminal runs
        var exit = await MailTlsApp.RunAsync(["explain"], host);

        // Then it says it is a bug, shows the stack, and exits 70
        Assert.Equal((int)ExitCode.Internal, exit);
        Assert.Contains("this is a bug", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("console exploded", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(" at ", stderr.ToString(), StringComparison.Ordinal);
    }
}
