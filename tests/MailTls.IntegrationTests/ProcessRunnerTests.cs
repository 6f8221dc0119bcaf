using System.Diagnostics;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests;

public sealed class ProcessRunnerTests
{
    [Fact(Timeout = 30_000)]
    public async Task RunAsync_CommandOutlivesTimeout_KillsItAndThrowsWithOutput()
    {
        // Given
        var started = Stopwatch.StartNew();

        // When
        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => ProcessRunner.RunAsync("/bin/sh", ["-c", "echo before-sleep; exec sleep 30"], TimeSpan.FromMilliseconds(500)));

        // Then
        Assert.Contains("before-sleep", error.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_BackgroundChildKeepsPipesOpen_ReturnsAfterGrace()
    {
        // Given: like postfix start leaving a daemon behind, a child inherits stdout and outlives the command.
        var started = Stopwatch.StartNew();

        // When
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "echo parent-done; sleep 4 &"], TimeSpan.FromSeconds(20));

        // Then
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("parent-done", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3.5), $"took {started.Elapsed}");
    }

    [Fact]
    public void Locate_MissingProgram_ThrowsWithInstallHint()
    {
        // Given
        const string Program = "mailtls-no-such-program";

        // When
        var error = Assert.Throws<InvalidOperationException>(() => RequiredTool.Locate(Program, "mailtls-no-such-package"));

        // Then
        Assert.Contains("'mailtls-no-such-program' was not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y mailtls-no-such-package", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a skip", error.Message, StringComparison.Ordinal);
    }
}
