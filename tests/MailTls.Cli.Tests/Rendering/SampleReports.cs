using MailTls.Core.Dns;
using MailTls.Core.Evidence;
using MailTls.Diagnosis;
using MailTls.Diagnosis.Findings;

namespace MailTls.Cli.Tests.Rendering;

/// <summary>Reports made by the real diagnosis pipeline, for the renderers to show.</summary>
internal static class SampleReports
{
    /// <summary>A report from really failing to read a file that does not exist.</summary>
    public static Report FromMissingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mailtls-missing-{Guid.NewGuid():N}.log");
        ProbeFailure failure;
        try
        {
            File.ReadAllText(path);
            throw new InvalidOperationException("the file was expected not to exist");
        }
        catch (FileNotFoundException e)
        {
            failure = new ProbeFailure(path, FailureReason.NotFound, e.Message);
        }

        return Make(Diagnoser.Diagnose(new EvidenceSet { SourceFailures = [failure] }));
    }

    /// <summary>A report that cites every kind of evidence, with text a hostile peer could send.</summary>
    public static Report WithEveryEvidenceKind()
    {
        var finding = FindingCatalogue.SourceUnavailable.Raise(
            "the <script>alert(1)</script> [red]peer[/] closed the connection",
            [
                new LogLineEvidence(new SourceLocation("/var/log/mail.log", 12), "postfix/smtpd[1]: SSL_accept error from [bold]x[/]"),
                new ConfigLineEvidence(new SourceLocation("/etc/postfix/main.cf", 14, 1), "smtpd_tls_protocols = TLSv1.2", "smtpd_tls_protocols"),
                new HandshakeEvidence("mx.example[192.0.2.1]:25", "accepts only TLSv1.2"),
                new DnsEvidence("_25._tcp.mx.example", "TLSA", "3 1 1 ab12", DnssecStatus.Secure),
                new SourceEvidence("postconf", "exited 1"),
            ],
            new Remediation("Allow TLS 1.0 and later.", ["postconf -e 'smtpd_tls_protocols = >=TLSv1'"], "Old clients keep weak protocols."),
            affected: ["google.com"],
            occurrences: 412,
            severity: Severity.Critical);
        return Make([finding]);
    }

    private static Report Make(IReadOnlyList<Finding> findings) => new()
    {
        ToolVersion = MailTlsApp.Version,
        Command = "test",
        GeneratedAt = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero),
        Inputs = [new ReportInput("log", "/var/log/mail.log", "command line")],
        Skipped = ["DNS checks: --offline"],
        Findings = findings,
    };
}
