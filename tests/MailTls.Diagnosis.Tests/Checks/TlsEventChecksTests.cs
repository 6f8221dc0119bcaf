using MailTls.Core.Evidence;
using MailTls.Core.Logs;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks;

public class TlsEventChecksTests
{
    private static TlsEvent Event(int line, string host, string org, TlsDirection direction, TlsCause cause, string? detail = null) => new()
    {
        Location = new SourceLocation("mail.log", line),
        Mta = MailTransferAgent.Postfix,
        Program = direction == TlsDirection.Outbound ? "postfix/smtp" : "postfix/smtpd",
        Direction = direction,
        Peer = new TlsPeer(host, "192.0.2.1", org),
        Outcome = cause == TlsCause.Ok ? TlsOutcome.Success : TlsOutcome.Failure,
        Cause = cause,
        Detail = detail,
        CauseLocation = new SourceLocation("mail.log", line + 1),
        CauseText = $"line {line + 1}",
        Timestamp = new LogTimestamp(new DateTime(2019, 12, 19, 11, 0, 0).AddMinutes(line), null),
    };

    [Fact]
    public void InboundHandshakeFailures_Scenario1_OneCriticalFindingNamingGoogleAndFacebook()
    {
        // Given scenario 1's events: Gmail twice and Facebook once refused on protocol, web.de succeeding
        var evidence = new EvidenceSet
        {
            TlsEvents =
            [
                Event(4, "mail-wi0-x230.google.com", "google.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch, "unknown protocol"),
                Event(13, "mout.web.de", "web.de", TlsDirection.Inbound, TlsCause.Ok),
                Event(17, "outcampmail003.ash2.facebook.com", "facebook.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch, "unknown protocol"),
                Event(30, "mail-wi0-x231.google.com", "google.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch, "unsupported protocol"),
            ],
        };

        // When the check runs
        var finding = Assert.Single(new InboundHandshakeFailuresCheck().Evaluate(evidence));

        // Then one critical finding names both organisations, busiest first, cites a line per organisation and gives a postconf fix
        Assert.Equal("inbound-handshake-failures", finding.Id.Value);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal(["google.com", "facebook.com"], finding.Affected);
        Assert.Equal(3, finding.Occurrences);
        Assert.Contains("protocol_version_mismatch", finding.Cause, StringComparison.Ordinal);
        Assert.Contains("google.com (2)", finding.Cause, StringComparison.Ordinal);
        Assert.Contains("smtpd_tls_protocols", finding.Cause, StringComparison.Ordinal);
        Assert.Equal(["mail.log:5", "mail.log:18"], finding.Evidence.Cast<LogLineEvidence>().Select(e => e.Location.ToString()));
        Assert.Contains(finding.Fix!.Steps, s => s.StartsWith("postconf -e 'smtpd_tls_protocols", StringComparison.Ordinal));
    }

    [Fact]
    public void InboundHandshakeFailures_TwoCauses_TwoFindings()
    {
        // Given scenario 2's mix: no shared cipher for Gmail, protocol refusal for the BBC
        var evidence = new EvidenceSet
        {
            TlsEvents =
            [
                Event(1, "mail-lf1-f44.google.com", "google.com", TlsDirection.Inbound, TlsCause.NoSharedCipher, "no shared cipher"),
                Event(20, "mta.email.bbc.com", "bbc.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch, "unknown protocol"),
            ],
        };

        // When the check runs
        var findings = new InboundHandshakeFailuresCheck().Evaluate(evidence).ToList();

        // Then each cause is its own finding with its own organisation
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Affected.SequenceEqual(["google.com"]) && f.Cause.Contains("no_shared_cipher", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Affected.SequenceEqual(["bbc.com"]) && f.Cause.Contains("protocol_version_mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public void PeerRejectsOurCertificate_Scenario4_NamesDaneFirstAndSuggestsMailtlsDane()
    {
        // Given scenario 4's Sendmail event
        var evidence = new EvidenceSet
        {
            TlsEvents = [Event(1, "xx.comcast.net", "comcast.net", TlsDirection.Inbound, TlsCause.PeerRejectedOurCertificate, "sslv3 alert bad certificate")],
        };

        // When both inbound checks run
        var findings = Diagnoser.Diagnose(evidence, [new InboundHandshakeFailuresCheck(), new PeerRejectsOurCertificateCheck()]);

        // Then only the certificate finding is raised, DANE first among the causes, with the dane command
        var finding = Assert.Single(findings);
        Assert.Equal("peer-rejects-our-certificate", finding.Id.Value);
        Assert.True(finding.Cause.IndexOf("DANE", StringComparison.Ordinal) < finding.Cause.IndexOf("intermediate", StringComparison.Ordinal));
        Assert.StartsWith("mailtls dane", finding.Fix!.Steps[0], StringComparison.Ordinal);
        Assert.Equal(["comcast.net"], finding.Affected);
    }

    [Fact]
    public void OutboundTlsFailures_Scenario3_SuggestsPolicyCommandForDestination()
    {
        // Given scenario 3's outbound name mismatch
        var evidence = new EvidenceSet
        {
            TlsEvents = [Event(1, "in1-smtp.messagingengine.com", "messagingengine.com", TlsDirection.Outbound, TlsCause.ServerCertNameMismatch, "Server certificate not verified")],
        };

        // When the check runs
        var finding = Assert.Single(new OutboundTlsFailuresCheck().Evaluate(evidence));

        // Then it explains the next-hop rule and points at mailtls policy
        Assert.Contains("next-hop", finding.Cause, StringComparison.Ordinal);
        Assert.Equal("mailtls policy messagingengine.com", finding.Fix!.Steps[0]);
    }

    [Fact]
    public void Checks_OnlySuccesses_RaiseNothing()
    {
        // Given only successful sessions
        var evidence = new EvidenceSet { TlsEvents = [Event(1, "mout.web.de", "web.de", TlsDirection.Inbound, TlsCause.Ok)] };

        // When every registered check runs, Then nothing is found
        Assert.Empty(Diagnoser.Diagnose(evidence));
    }
}
