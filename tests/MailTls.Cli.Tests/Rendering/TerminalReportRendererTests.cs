using Xunit;
using MailTls.Cli.Rendering;
using Spectre.Console.Testing;

namespace MailTls.Cli.Tests.Rendering;

public class TerminalReportRendererTests
{
    [Fact]
    public void Render_Finding_ShowsCauseEvidenceAndFix()
    {
        // Given a report with one critical finding
        var console = new TestConsole();
        console.Profile.Width = 250;

        // When it is rendered
        TerminalReportRenderer.Render(SampleReports.WithEveryEvidenceKind(), console);

        // Then the user sees the cause, every piece of evidence with its location, and the exact fix
        var output = console.Output;
        Assert.Contains("1 finding(s) (1 critical)", output, StringComparison.Ordinal);
        Assert.Contains("/etc/postfix/main.cf:14:1: smtpd_tls_protocols = TLSv1.2", output, StringComparison.Ordinal);
        Assert.Contains("/var/log/mail.log:12:", output, StringComparison.Ordinal);
        Assert.Contains("_25._tcp.mx.example TLSA: 3 1 1 ab12 (DNSSEC: secure)", output, StringComparison.Ordinal);
        Assert.Contains("postconf -e 'smtpd_tls_protocols = >=TLSv1'", output, StringComparison.Ordinal);
        Assert.Contains("Trade-off: Old clients keep weak protocols.", output, StringComparison.Ordinal);
        Assert.Contains("skipped: DNS checks: --offline", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MarkupInPeerText_ShownLiterally()
    {
        // Given a log line containing Spectre markup, as a hostile peer could make Postfix log
        var console = new TestConsole();
        console.Profile.Width = 250;

        // When it is rendered
        TerminalReportRenderer.Render(SampleReports.WithEveryEvidenceKind(), console);

        // Then the markup is printed as text rather than interpreted or rejected
        Assert.Contains("SSL_accept error from [bold]x[/]", console.Output, StringComparison.Ordinal);
        Assert.Contains("[red]peer[/]", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoFindings_SaysSo()
    {
        // Given a report with nothing found
        var console = new TestConsole();
        var report = SampleReports.FromMissingFile() with { Findings = [] };

        // When it is rendered
        TerminalReportRenderer.Render(report, console);

        // Then it says there are no findings
        Assert.Contains("No findings", console.Output, StringComparison.Ordinal);
    }
}
