using System.Text.RegularExpressions;
using MailTls.IntegrationTests.Fixtures;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Doctor;

/// <summary>
/// The HTML report opened in a real browser (Debian's chromium, headless): it renders, the DOM
/// holds the ranked findings and the SVG charts, it asks for nothing outside the file, and the
/// screenshot is kept under TestResults/artifacts for a person to look at.
/// </summary>
public sealed partial class HtmlReportChromiumTests
{
    [Fact(Timeout = 180_000)]
    public async Task HtmlReport_OpenedInChromium_RendersFindingsAndChartsWithoutExternalResources()
    {
        // Given doctor's HTML report for scenario 1 (its configuration and its published log)
        var root = RepositoryRoot.Path;
        var example = Path.Combine(root, "examples", "scenario-1-gmail-tls12-only");
        var artifacts = Directory.CreateDirectory(Path.Combine(root, "TestResults", "artifacts")).FullName;
        var page = Path.Combine(artifacts, "doctor-scenario-1.html");
        var screenshot = Path.Combine(artifacts, "doctor-scenario-1.png");
        File.Delete(screenshot);
        var run = await CliRun.RunAsync("doctor", "--offline", "--config-dir", example, "--logs", Path.Combine(example, "mail.log"), "--html", page);
        Assert.Equal(1, run.ExitCode);
        var html = await File.ReadAllTextAsync(page);

        // When chromium loads it with every host name unresolvable, once for the DOM and once for a screenshot
        using var profile = TempDirectory.Create("chromium");
        var dom = await ChromiumAsync(profile.Path, "--dump-dom", new Uri(page).AbsoluteUri);
        await ChromiumAsync(profile.Path, $"--screenshot={screenshot}", "--window-size=1280,2400", new Uri(page).AbsoluteUri);

        // Then the page refers to nothing outside itself
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.All(HrefValue().Matches(html), m => Assert.StartsWith("#", m.Groups[1].Value, StringComparison.Ordinal));

        // ... the rendered DOM has the ranked findings first and the five charts as SVG
        Assert.Contains("inbound-protocol-floor", dom, StringComparison.Ordinal);
        Assert.True(dom.IndexOf("inbound-protocol-floor", StringComparison.Ordinal) < dom.IndexOf("<svg", StringComparison.Ordinal));
        foreach (var chart in new[] { "timeline", "failures-by-cause", "failures-by-organisation", "successes-by-protocol", "successes-by-cipher" })
        {
            Assert.Matches($"<figure class=\"chart\" id=\"chart-{chart}\"><figcaption>[^<]+</figcaption>\\s*<svg", dom);
        }

        Assert.Contains("google.com", dom, StringComparison.Ordinal);

        // ... and the screenshot shows a drawn page, not a blank one
        var pixels = PngPixels.Read(await File.ReadAllBytesAsync(screenshot));
        Assert.Equal((1280, 2400), (pixels.Width, pixels.Height));
        Assert.True(pixels.DistinctColours() > 20, $"{pixels.DistinctColours()} colours");
        Assert.InRange(pixels.InkedFraction(), 0.02, 0.9);
    }

    private static async Task<string> ChromiumAsync(string profile, params string[] arguments)
    {
        // Root (as in CI) needs --no-sandbox; unresolvable names make any attempt to fetch fail visibly instead of reaching out.
        var result = await ProcessRunner.RunAsync(
            RequiredTool.Locate("chromium", "chromium"),
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND", .. arguments],
            TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StandardOutput;
    }

    [GeneratedRegex(@"src\s*=|<link|<script|@import|url\(|https?://", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefValue();
}
