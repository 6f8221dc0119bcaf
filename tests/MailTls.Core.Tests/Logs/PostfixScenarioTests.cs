using MailTls.Core.Dns;
using MailTls.Core.Logs;
using MailTls.Core.Tests.TestData;
using Xunit;

namespace MailTls.Core.Tests.Logs;

public class PostfixScenarioTests
{
    private static readonly PublicSuffixList Suffixes = PublicSuffixList.Parse("com\nde\nfm\nuk\nco.uk\n");

    [Fact]
    public void Extract_Scenario1GmailFailure_IsOneProtocolMismatchEvent()
    {
        // Given scenario 1's log (a TLS 1.2-only server, Gmail offering TLS 1.0)
        var events = Fixtures.Extract(Fixtures.Read("Logs/scenario1-gmail-tls12-only.log"), "mail.log", Suffixes);

        // When the Gmail connection is looked up
        var gmail = Assert.Single(events, e => e.Peer.Host == "mail-wi0-x230.google.com");

        // Then SSL_accept error, the library line and the lost connection are one failure, starting at
        // the connect line, caused by a protocol-version refusal quoted from the library line
        Assert.Equal(4, gmail.Location.Line);
        Assert.Equal(TlsDirection.Inbound, gmail.Direction);
        Assert.Equal(TlsOutcome.Failure, gmail.Outcome);
        Assert.Equal(TlsCause.ProtocolVersionMismatch, gmail.Cause);
        Assert.Equal("unknown protocol", gmail.Detail);
        Assert.Equal("2a00:1450:400c:c05::230", gmail.Peer.Ip);
        Assert.Equal("google.com", gmail.Peer.Org);
        Assert.Equal(10, gmail.CauseLocation!.Line);
        Assert.Equal("postfix/smtpd", gmail.Program);
        Assert.Equal(new DateTime(2019, 12, 19, 11, 9, 11), gmail.Timestamp!.Value.Wallclock);
    }

    [Fact]
    public void Extract_Scenario1_ReportsSuccessesWithProtocolCipherAndTrust()
    {
        // Given scenario 1's log
        var events = Fixtures.Extract(Fixtures.Read("Logs/scenario1-gmail-tls12-only.log"), "mail.log", Suffixes);

        // When the successes are taken
        var successes = events.Where(e => e.Outcome == TlsOutcome.Success).ToList();

        // Then web.de (TLS 1.2) and, after the fix, Gmail (TLS 1.0) are reported with what they negotiated
        Assert.Equal(2, successes.Count);
        var webDe = successes[0];
        Assert.Equal("web.de", webDe.Peer.Org);
        Assert.Equal("TLSv1.2", webDe.Protocol);
        Assert.Equal("DHE-RSA-AES256-GCM-SHA384", webDe.Cipher);
        Assert.Equal(TlsTrust.Anonymous, webDe.Trust);
        Assert.Equal(TlsCause.Ok, webDe.Cause);
        Assert.Equal(13, webDe.Location.Line);
        Assert.Equal("TLSv1", successes[1].Protocol);
        Assert.Equal("ECDHE-RSA-RC4-SHA", successes[1].Cipher);
    }

    [Fact]
    public void Extract_Scenario1FacebookWithoutConnectLine_IsOneFailureAndTheRetryIsNotAnEvent()
    {
        // Given the Facebook excerpt: no connect line, then a plaintext retry on the same process
        var events = Fixtures.Extract(Fixtures.Read("Logs/scenario1-gmail-tls12-only.log"), "mail.log", Suffixes);

        // When Facebook's events are taken
        var facebook = events.Where(e => e.Peer.Org == "facebook.com").ToList();

        // Then there is one failure, with the peer named by the later line, and no event for the cleartext retry
        var failure = Assert.Single(facebook);
        Assert.Equal(TlsCause.ProtocolVersionMismatch, failure.Cause);
        Assert.Equal("outcampmail003.ash2.facebook.com", failure.Peer.Host);
        Assert.Equal(17, failure.Location.Line);
        Assert.Equal(4, events.Count);
    }

    [Fact]
    public void Extract_Scenario2_SeparatesNoSharedCipherFromProtocolRefusal()
    {
        // Given scenario 2's log (OpenSSL 1.0.1 wording, some lines without timestamps)
        var events = Fixtures.Extract(Fixtures.Read("Logs/scenario2-no-shared-cipher.log"), "maillog", Suffixes);

        // When failures are grouped by cause
        var failures = events.Where(e => e.Outcome == TlsOutcome.Failure).ToList();

        // Then both Gmail attempts are "no shared cipher", the BBC sender a protocol refusal
        Assert.Equal(3, failures.Count);
        Assert.All(failures.Where(f => f.Peer.Org == "google.com"), f => Assert.Equal(TlsCause.NoSharedCipher, f.Cause));
        Assert.Equal(2, failures.Count(f => f.Peer.Org == "google.com"));
        var bbc = Assert.Single(failures, f => f.Peer.Org == "bbc.com");
        Assert.Equal(TlsCause.ProtocolVersionMismatch, bbc.Cause);
        Assert.Null(bbc.Timestamp);
        var success = Assert.Single(events, e => e.Outcome == TlsOutcome.Success);
        Assert.Equal("AES128-GCM-SHA256", success.Cipher);
    }

    [Fact]
    public void Extract_Scenario3TrustedButNotVerified_IsNameMismatchOnOutboundDelivery()
    {
        // Given scenario 3's log: a trusted chain, then "Server certificate not verified" at level secure
        var events = Fixtures.Extract(Fixtures.Read("Logs/scenario3-secure-policy-match.log"), "mail.log", Suffixes);

        // When correlated
        var attempt = Assert.Single(events);

        // Then it is one outbound failure: the chain was fine, the name did not match the policy
        Assert.Equal(TlsDirection.Outbound, attempt.Direction);
        Assert.Equal(TlsOutcome.Failure, attempt.Outcome);
        Assert.Equal(TlsCause.ServerCertNameMismatch, attempt.Cause);
        Assert.Equal(TlsTrust.Trusted, attempt.Trust);
        Assert.Equal("TLSv1.2", attempt.Protocol);
        Assert.Equal("D33A02504112", attempt.QueueId);
        Assert.Equal("in1-smtp.messagingengine.com", attempt.Peer.Host);
        Assert.Equal("66.111.4.74", attempt.Peer.Ip);
        Assert.Equal(1, attempt.Location.Line);
        Assert.Equal(10, attempt.CauseLocation!.Line);
    }

    [Theory]
    [InlineData("error:0A000102:SSL routines::unsupported protocol:ssl/statem/statem_srvr.c:1657:", TlsCause.ProtocolVersionMismatch)]
    [InlineData("error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol:../ssl/statem/statem_srvr.c:1664:", TlsCause.ProtocolVersionMismatch)]
    [InlineData("error:0A0000C1:SSL routines::no shared cipher:ssl/statem/statem_srvr.c:2220:", TlsCause.NoSharedCipher)]
    [InlineData("error:1417A0C1:SSL routines:tls_post_process_client_hello:no shared cipher:../ssl/statem/statem_srvr.c:2313:", TlsCause.NoSharedCipher)]
    [InlineData("error:0A000412:SSL routines::sslv3 alert bad certificate:ssl/record/rec_layer_s3.c:1605:SSL alert number 42", TlsCause.PeerRejectedOurCertificate)]
    [InlineData("error:0A00009C:SSL routines::http request:ssl/record/ssl3_record.c:345:", TlsCause.TlsModeMismatch)]
    [InlineData("error:0A000126:SSL routines::unexpected eof while reading:ssl/record/rec_layer_s3.c:317:", TlsCause.PeerClosedDuringHandshake)]
    [InlineData("error:140760FC:lib(20):func(118):reason(252):s23_srvr.c:647:", TlsCause.ProtocolVersionMismatch)]
    [InlineData("error:0A0000E5:SSL routines::made-up future reason:x.c:1:", TlsCause.Unknown)]
    public void Extract_InboundLibraryErrorOfAnyOpenSslEra_MapsToSameCause(string error, TlsCause expected)
    {
        // Given an inbound failure worded by OpenSSL 1.0, 1.1 or 3
        var log = $"""
            Jan 10 10:00:00 mx postfix/smtpd[500]: connect from mail.example.com[192.0.2.10]
            Jan 10 10:00:00 mx postfix/smtpd[500]: SSL_accept error from mail.example.com[192.0.2.10]: -1
            Jan 10 10:00:00 mx postfix/smtpd[500]: warning: TLS library problem: {error}
            Jan 10 10:00:00 mx postfix/smtpd[500]: lost connection after STARTTLS from mail.example.com[192.0.2.10]
            Jan 10 10:00:00 mx postfix/smtpd[500]: disconnect from mail.example.com[192.0.2.10] ehlo=1 starttls=0/1 commands=1/2
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(log));

        // Then the cause depends on the reason, not on the OpenSSL version; unknown reasons stay unknown
        Assert.Equal(expected, attempt.Cause);
        Assert.Equal(TlsOutcome.Failure, attempt.Outcome);
    }

    [Fact]
    public void Extract_UnknownReason_KeepsRawTextAsDetail()
    {
        // Given a reason mailtls has no entry for
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[500]: SSL_accept error from a.example.com[192.0.2.10]: -1
            Jan 10 10:00:00 mx postfix/smtpd[500]: warning: TLS library problem: error:0A0FFFFF:SSL routines::some new reason:x.c:1:
            Jan 10 10:00:00 mx postfix/smtpd[500]: lost connection after STARTTLS from a.example.com[192.0.2.10]
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then the cause is unknown and the raw reason is kept, not "peer closed"
        Assert.Equal(TlsCause.Unknown, attempt.Cause);
        Assert.Equal("some new reason", attempt.Detail);
    }

    [Fact]
    public void Extract_LostConnectionAfterStartTlsAlone_IsPeerClosed()
    {
        // Given only "lost connection after STARTTLS" (TLS log level 0)
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[500]: connect from a.example.com[192.0.2.10]
            Jan 10 10:00:01 mx postfix/smtpd[500]: lost connection after STARTTLS from a.example.com[192.0.2.10]
            Jan 10 10:00:01 mx postfix/smtpd[500]: disconnect from a.example.com[192.0.2.10] ehlo=1 starttls=0/1 commands=1/2
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then the peer closed during the handshake
        Assert.Equal(TlsCause.PeerClosedDuringHandshake, attempt.Cause);
    }

    [Fact]
    public void Extract_PlainSessionWithoutTls_IsNotAnEvent()
    {
        // Given a session that never tried TLS
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[500]: connect from a.example.com[192.0.2.10]
            Jan 10 10:00:00 mx postfix/smtpd[500]: 4ABCDE1234: client=a.example.com[192.0.2.10]
            Jan 10 10:00:01 mx postfix/smtpd[500]: disconnect from a.example.com[192.0.2.10] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5
            """;

        // When extracted, Then nothing is reported
        Assert.Empty(Fixtures.Extract(Log));
    }

    [Fact]
    public void Extract_TlsRequiredNotOffered_IsOneOutboundEventPerMessage()
    {
        // Given a delivery to two recipients at level encrypt, to a server without STARTTLS
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtp[600]: 1A2B3C4D5E: to=<a@example.net>, relay=mx.example.net[198.51.100.5]:25, delay=1, delays=0/0/1/0, dsn=4.7.4, status=deferred (TLS is required, but was not offered by host mx.example.net[198.51.100.5])
            Jan 10 10:00:00 mx postfix/smtp[600]: 1A2B3C4D5E: to=<b@example.net>, relay=mx.example.net[198.51.100.5]:25, delay=1, delays=0/0/1/0, dsn=4.7.4, status=deferred (TLS is required, but was not offered by host mx.example.net[198.51.100.5])
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then one outbound failure names the peer and queue id
        Assert.Equal(TlsCause.TlsRequiredNotOffered, attempt.Cause);
        Assert.Equal(TlsDirection.Outbound, attempt.Direction);
        Assert.Equal("198.51.100.5", attempt.Peer.Ip);
        Assert.Equal("1A2B3C4D5E", attempt.QueueId);
    }

    [Theory]
    [InlineData("server certificate verification failed for mx.example.net[198.51.100.5]:25: num=62:hostname mismatch", TlsCause.ServerCertNameMismatch)]
    [InlineData("server certificate verification failed for mx.example.net[198.51.100.5]:25: num=65:no matching DANE TLSA records", TlsCause.DaneTlsaMismatch)]
    [InlineData("server certificate verification failed for mx.example.net[198.51.100.5]:25: num=10:certificate has expired", TlsCause.CertExpired)]
    [InlineData("server certificate verification failed for mx.example.net[198.51.100.5]:25: num=20:unable to get local issuer certificate", TlsCause.ServerCertUntrusted)]
    [InlineData("certificate verification failed for mx.example.net[198.51.100.5]:25: untrusted issuer /C=US/O=Example/CN=Example CA", TlsCause.ServerCertUntrusted)]
    public void Extract_UntrustedAndNotVerified_TakesCauseFromVerificationLine(string verification, TlsCause expected)
    {
        // Given a Postfix 3.6+ outbound session at level secure/dane whose verification failed
        var log = $"""
            Jan 10 10:00:00 mx postfix/smtp[600]: {verification}
            Jan 10 10:00:00 mx postfix/smtp[600]: Untrusted TLS connection established to mx.example.net[198.51.100.5]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256
            Jan 10 10:00:00 mx postfix/smtp[600]: 1A2B3C4D5E: to=<a@example.net>, relay=mx.example.net[198.51.100.5]:25, delay=1, delays=0/0/1/0, dsn=4.7.5, status=deferred (Server certificate not verified)
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(log));

        // Then the verification line names the cause
        Assert.Equal(expected, attempt.Cause);
        Assert.Equal(TlsOutcome.Failure, attempt.Outcome);
        Assert.Equal(TlsTrust.Untrusted, attempt.Trust);
        Assert.Equal("TLS_AES_256_GCM_SHA384", attempt.Cipher);
    }

    [Fact]
    public void Extract_UntrustedNotVerifiedWithoutDetail_StaysUnknown()
    {
        // Given "Untrusted" + "not verified" with no verification line: chain, name and DANE are all possible
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtp[600]: Untrusted TLS connection established to mx.example.net[198.51.100.5]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)
            Jan 10 10:00:00 mx postfix/smtp[600]: 1A2B3C4D5E: to=<a@example.net>, relay=mx.example.net[198.51.100.5]:25, delay=1, delays=0/0/1/0, dsn=4.7.5, status=deferred (Server certificate not verified)
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then mailtls does not guess
        Assert.Equal(TlsCause.Unknown, attempt.Cause);
        Assert.Equal("Server certificate not verified", attempt.Detail);
    }

    [Fact]
    public void Extract_OutboundHandshakeFailureThenPlaintextDelivery_IsOneFailure()
    {
        // Given smtp at level may: handshake fails, then the message goes in cleartext
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtp[600]: SSL_connect error to mx.example.net[198.51.100.5]:25: -1
            Jan 10 10:00:00 mx postfix/smtp[600]: warning: TLS library problem: error:0A00042E:SSL routines::tlsv1 alert protocol version:ssl/record/rec_layer_s3.c:1605:SSL alert number 70
            Jan 10 10:00:01 mx postfix/smtp[600]: 1A2B3C4D5E: to=<a@example.net>, relay=mx.example.net[198.51.100.5]:25, delay=1, delays=0/0/1/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 123)
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then the TLS attempt failed with a version refusal, and carries the delivery's queue id
        Assert.Equal(TlsCause.ProtocolVersionMismatch, attempt.Cause);
        Assert.Equal(TlsDirection.Outbound, attempt.Direction);
        Assert.Equal("1A2B3C4D5E", attempt.QueueId);
    }

    [Fact]
    public void Extract_KeyCertificateMismatchAtStartup_IsStartupLocalConfigError()
    {
        // Given Postfix 2.x start-up warnings about our own key (wording of tls_certkey.c)
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[700]: warning: RSA private key in /etc/postfix/key.pem does not match public key in /etc/postfix/cert.pem: disabling TLS support
            Jan 10 10:00:00 mx postfix/smtpd[700]: warning: TLS library problem: 700:error:0B080074:x509 certificate routines:X509_check_private_key:key values mismatch:x509_cmp.c:331:
            Jan 10 10:00:05 mx postfix/smtpd[700]: connect from a.example.com[192.0.2.10]
            """;

        // When extracted
        var startup = Assert.Single(Fixtures.Extract(Log));

        // Then one start-up event, with no peer, keeps both texts
        Assert.Equal(TlsDirection.Startup, startup.Direction);
        Assert.Equal(TlsCause.LocalTlsConfigError, startup.Cause);
        Assert.Equal(TlsPeer.None, startup.Peer);
        Assert.Contains("does not match public key", startup.Detail, StringComparison.Ordinal);
        Assert.Contains("key values mismatch", startup.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_InterleavedSessionsOfTwoProcesses_AreKeptApart()
    {
        // Given two smtpd processes whose lines interleave
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[1]: connect from a.example.com[192.0.2.1]
            Jan 10 10:00:00 mx postfix/smtpd[2]: connect from b.example.org[192.0.2.2]
            Jan 10 10:00:00 mx postfix/smtpd[1]: SSL_accept error from a.example.com[192.0.2.1]: -1
            Jan 10 10:00:00 mx postfix/smtpd[2]: Trusted TLS connection established from b.example.org[192.0.2.2]: TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)
            Jan 10 10:00:00 mx postfix/smtpd[1]: warning: TLS library problem: error:0A0000C1:SSL routines::no shared cipher:ssl/statem/statem_srvr.c:2220:
            Jan 10 10:00:01 mx postfix/smtpd[2]: disconnect from b.example.org[192.0.2.2] ehlo=2 starttls=1 quit=1 commands=4
            Jan 10 10:00:01 mx postfix/smtpd[1]: disconnect from a.example.com[192.0.2.1] ehlo=1 starttls=0/1 commands=1/2
            """;

        // When extracted
        var events = Fixtures.Extract(Log);

        // Then each process has its own event and cause
        Assert.Equal(2, events.Count);
        Assert.Equal(TlsCause.NoSharedCipher, events.Single(e => e.Peer.Ip == "192.0.2.1").Cause);
        Assert.Equal(TlsTrust.Trusted, events.Single(e => e.Peer.Ip == "192.0.2.2").Trust);
    }

    [Fact]
    public void Extract_MustIssueStartTls_IsTlsRequiredByUs()
    {
        // Given a client that skipped STARTTLS at smtpd_tls_security_level = encrypt
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[1]: connect from a.example.com[192.0.2.1]
            Jan 10 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: MAIL from a.example.com[192.0.2.1]: 530 5.7.0 Must issue a STARTTLS command first; proto=ESMTP helo=<a>
            Jan 10 10:00:01 mx postfix/smtpd[1]: disconnect from a.example.com[192.0.2.1] ehlo=1 mail=0/1 commands=1/2
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then the event says we required TLS
        Assert.Equal(TlsCause.TlsRequiredByUs, attempt.Cause);
        Assert.Equal(TlsDirection.Inbound, attempt.Direction);
    }

    [Fact]
    public void Add_SessionsThatNeverEnd_AreReportedOnceTooManyAreOpen()
    {
        // Given 150,000 smtpd processes that each fail a handshake and never log their disconnect
        var extractor = new TlsEventExtractor(new LogParseOptions { ReferenceDate = new DateTime(2020, 6, 1) });
        for (var pid = 1; pid <= 150_000; pid++)
        {
            extractor.Add("maillog", (2 * pid) - 1, $"Dec 19 11:09:11 server postfix/smtpd[{pid}]: connect from a.example.com[192.0.2.1]");
            extractor.Add("maillog", 2 * pid, $"Dec 19 11:09:11 server postfix/smtpd[{pid}]: SSL_accept error from a.example.com[192.0.2.1]: -1");
        }

        // When the input has not ended yet
        var beforeEnd = extractor.Events.Count;
        extractor.Complete();

        // Then the oldest open sessions were already reported rather than kept, and none is lost at the end
        Assert.True(beforeEnd >= 100_000, $"{beforeEnd} events before the end");
        Assert.Equal(150_000, extractor.Events.Count);
    }

    [Fact]
    public void Add_GarbageBinaryAndHugeLines_AreCountedAndEventsBeforeThemSurvive()
    {
        // Given a failure, then junk: binary, replacement characters (invalid UTF-8 decoded), a 10 MB line
        var extractor = new TlsEventExtractor(new LogParseOptions { ReferenceDate = new DateTime(2020, 6, 1) });
        var lines = Fixtures.Read("Logs/scenario2-no-shared-cipher.log").Split('\n')[..6];

        // When all are added
        for (var i = 0; i < lines.Length; i++)
        {
            extractor.Add("maillog", i + 1, lines[i]);
        }

        extractor.Add("maillog", 7, "\u0000\u0001\u0002\u0003PK\u0003\u0004");
        extractor.Add("maillog", 8, "\ufffd\ufffd\ufffd postfix/smtpd[1]\ufffd: \ufffd");
        extractor.Add("maillog", 9, new string('x', 10 * 1024 * 1024));
        extractor.Complete();

        // Then the earlier event is reported and the junk is counted, not fatal
        Assert.Equal(TlsCause.NoSharedCipher, Assert.Single(extractor.Events).Cause);
        Assert.Equal(1, extractor.Statistics.SkippedTooLong);
        Assert.Equal(2, extractor.Statistics.SkippedUnrecognised);
        Assert.Equal(9, extractor.Statistics.Lines);
    }

    [Fact]
    public void Add_EventLineTruncatedAtEveryOffset_NeverThrows()
    {
        // Given the lines of a failing session, the middle one cut at every offset
        const string Full = "Dec 19 11:09:11 server postfix/smtpd[19878]: warning: TLS library problem: 19878:error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol:s23_srvr.c:647:";
        const string Established = "Dec 20 11:44:46 server postfix/smtpd[31966]: Anonymous TLS connection established from mail-wi0-x235.google.com[2a00:1450:400c:c05::235]: TLSv1 with cipher ECDHE-RSA-RC4-SHA (128/128 bits)";
        const string Status = "Feb 25 21:57:22 mail postfix/smtp[25291]: D33A02504112: to=<user@fastmail.fm>, relay=in1-smtp.messagingengine.com[66.111.4.74]:25, delay=8.4, delays=0.02/0/8.4/0, dsn=4.7.5, status=deferred (Server certificate not verified)";
        const string Sendmail = "sm-mta[92474]: STARTTLS=server, error: accept failed=-1, reason=sslv3 alert bad certificate, SSL_error=1, errno=0, retry=-1, relay=xx.example.com [XX.XX.XX.XX]";
        foreach (var line in new[] { Full, Established, Status, Sendmail })
        {
            for (var length = 0; length <= line.Length; length++)
            {
                // When it is extracted
                var events = Fixtures.Extract(line[..length]);

                // Then nothing throws, and at most one event results
                Assert.True(events.Count <= 1, $"offset {length}");
            }
        }
    }
}
