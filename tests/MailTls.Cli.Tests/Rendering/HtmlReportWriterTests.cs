using Xunit;
using MailTls.Cli.Rendering;

namespace MailTls.Cli.Tests.Rendering;

public class HtmlReportWriterTests
{
    [Fact]
    public void Render_PeerText_IsEncoded()
    {
        // Given a finding whose text contains a script tag
        // When the HTML page is made
        var html = HtmlReportWriter.Render(SampleReports.WithEveryEvidenceKind());

        // Then the tag is shown as text, never executed
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Page_IsSelfContained()
    {
        // Given / When
        var html = HtmlReportWriter.Render(SampleReports.WithEveryEvidenceKind());

        // Then it loads nothing from elsewhere and carries the fix
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("postconf -e &#39;smtpd_tls_protocols = &gt;=TLSv1&#39;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Charts_DrawnAsInlineSvgAfterTheSummaryWithLabelsEncoded()
    {
        // Given a report with a timeline and a bar chart whose label is hostile peer text
        var report = SampleReports.WithEveryEvidenceKind() with
        {
            Charts =
            [
                new MailTls.Diagnosis.ReportChart("timeline", "TLS sessions per hour", "columns", ["successes", "failures"], [new("2025-12-19 11:00", [3, 1]), new("2025-12-19 12:00", [0, 2])]),
                new MailTls.Diagnosis.ReportChart("failures-by-organisation", "TLS failures by peer organisation", "bars", ["failures"], [new("<b>evil.example</b>", [4]), new("google.com", [2])]),
            ],
        };

        // When the page is made
        var html = HtmlReportWriter.Render(report);

        // Then each chart is an SVG figure after the ranked summary, with one rect per non-zero value and encoded labels
        Assert.True(html.IndexOf("<table>", StringComparison.Ordinal) < html.IndexOf("<svg", StringComparison.Ordinal));
        Assert.Equal(2, html.Split("<svg role=\"img\"").Length - 1);
        var timeline = html[html.IndexOf("id=\"chart-timeline\"", StringComparison.Ordinal)..html.IndexOf("id=\"chart-failures-by-organisation\"", StringComparison.Ordinal)];
        Assert.Equal(3 + 2, timeline.Split("<rect").Length - 1); // three drawn values plus two legend keys
        Assert.Contains("&lt;b&gt;evil.example&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>evil", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_UnwritablePath_IsUserError()
    {
        // Given a path inside a directory that does not exist
        var path = new FileInfo(Path.Combine(Path.GetTempPath(), $"mailtls-{Guid.NewGuid():N}", "report.html"));

        // When the report is written there
        var error = await Assert.ThrowsAsync<UserFacingException>(
            () => HtmlReportWriter.WriteAsync(SampleReports.FromMissingFile(), path));

        // Then the user is told which path failed
        Assert.Contains(path.FullName, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Usage, error.ExitCode);
    }
}
