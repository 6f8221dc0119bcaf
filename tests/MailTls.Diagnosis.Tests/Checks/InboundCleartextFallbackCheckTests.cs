using MailTls.Core.Evidence;
using MailTls.Core.Logs;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Findings;
using Xunit;

namespace MailTls.Diagnosis.Tests.Checks;

public class InboundCleartextFallbackCheckTests
{
    [Fact]
    public void Evaluate_FacebookFailedThenDeliveredInCleartext_RaisesFallbackNamingFacebookOnly()
    {
        // Given scenario 1: Facebook and Gmail fail; only Facebook delivers in cleartext a second later
        var failedAt = new LogTimestamp(new DateTime(2019, 12, 19, 23, 11, 15), null);
        TlsEvent Failure(string host, string org, int line) => new()
        {
            Location = new SourceLocation("mail.log", line),
            Mta = MailTransferAgent.Postfix,
            Program = "postfix/smtpd",
            Direction = TlsDirection.Inbound,
            Peer = new TlsPeer(host, "192.0.2.1", org),
            Outcome = TlsOutcome.Failure,
            Cause = TlsCause.ProtocolVersionMismatch,
            Timestamp = failedAt,
            CauseLocation = new SourceLocation("mail.log", line),
            CauseText = "warning: TLS library problem: ...unknown protocol...",
        };
        var evidence = new EvidenceSet
        {
            TlsEvents = [Failure("outcampmail003.ash2.facebook.com", "facebook.com", 17), Failure("mail-wi0-x230.google.com", "google.com", 4)],
            CleartextDeliveries =
            [
                new CleartextDelivery(new SourceLocation("mail.log", 20), new TlsPeer("outcampmail004.ash2.facebook.com", "66.220.155.163", "facebook.com"),
                    new LogTimestamp(new DateTime(2019, 12, 19, 23, 11, 16), null), "962C281443: client=outcampmail004.ash2.facebook.com[66.220.155.163]"),
            ],
        };

        // When the check runs
        var finding = Assert.Single(new InboundCleartextFallbackCheck().Evaluate(evidence));

        // Then it names Facebook, cites the failure and the cleartext delivery
        Assert.Equal("inbound-cleartext-fallback", finding.Id.Value);
        Assert.Equal(["facebook.com"], finding.Affected);
        Assert.Equal(["mail.log:17", "mail.log:20"], finding.Evidence.Cast<LogLineEvidence>().Select(e => e.Location.ToString()));
    }

    [Fact]
    public void Evaluate_CleartextDeliveryBeforeTheFailure_RaisesNothing()
    {
        // Given a cleartext delivery that happened a day before the failure
        var evidence = new EvidenceSet
        {
            TlsEvents =
            [
                new TlsEvent
                {
                    Location = new SourceLocation("mail.log", 50),
                    Mta = MailTransferAgent.Postfix,
                    Program = "postfix/smtpd",
                    Direction = TlsDirection.Inbound,
                    Peer = new TlsPeer("a.example.com", "192.0.2.1", "example.com"),
                    Outcome = TlsOutcome.Failure,
                    Cause = TlsCause.NoSharedCipher,
                    Timestamp = new LogTimestamp(new DateTime(2024, 1, 2), null),
                },
            ],
            CleartextDeliveries = [new CleartextDelivery(new SourceLocation("mail.log", 1), new TlsPeer("a.example.com", "192.0.2.1", "example.com"), new LogTimestamp(new DateTime(2024, 1, 1), null), "x: client=a")],
        };

        // When the check runs, Then it is not a fallback
        Assert.Empty(new InboundCleartextFallbackCheck().Evaluate(evidence));
    }
}
