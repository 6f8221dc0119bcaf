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
