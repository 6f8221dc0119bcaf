using Xunit;
using MailTls.Cli.Rendering;
using MailTls.Diagnosis.Findings;
using Spectre.Console.Testing;

namespace MailTls.Cli.Tests.Rendering;

public class ReportEmitterTests
{
    [Theory]
    [InlineData(Severity.Info, 1)]
    [InlineData(Severity.Warning, 1)]
    [InlineData(Severity.Critical, 0)]
    public async Task EmitAsync_WarningFinding_ExitCodeFollowsFailOn(Severity failOn, int expected)
    {
        // Given a report whose worst finding is a warning
        var report = SampleReports.FromMissingFile();
        var settings = new GlobalSettings(false, null, true, null, TimeSpan.FromSeconds(10), failOn);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // When it is emitted with the given --fail-on
        var exit = await ReportEmitter.EmitAsync(report, settings, new CliHost(_ => new TestConsole(), stdout, stderr, TimeProvider.System));

        // Then only a threshold at or below warning fails the run
        Assert.Equal(expected, exit);
    }

    [Fact]
    public async Task EmitAsync_JsonAndHtml_WritesBothAndNoTerminalOutput()
    {
        // Given --json and --html
        var html = new FileInfo(Path.Combine(Path.GetTempPath(), $"mailtls-{Guid.NewGuid():N}.html"));
        var settings = new GlobalSettings(true, html, false, null, TimeSpan.FromSeconds(10), Severity.Critical);
        var console = new TestConsole();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            // When the report is emitted
            var exit = await ReportEmitter.EmitAsync(SampleReports.FromMissingFile(), settings, new CliHost(_ => console, stdout, stderr, TimeProvider.System));

            // Then stdout is pure JSON, the HTML file exists, and the terminal stays quiet
            Assert.Equal(0, exit);
            Assert.StartsWith("{", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains("source-unavailable", await File.ReadAllTextAsync(html.FullName), StringComparison.Ordinal);
            Assert.Equal(string.Empty, console.Output);
        }
        finally
        {
            html.Delete();
        }
    }
}
