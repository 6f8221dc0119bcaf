using MailTls.Core.Dns;
using MailTls.Core.Logs;
using MailTls.Core.Tests.TestData;
using Xunit;

namespace MailTls.Core.Tests.Logs;

public class EximAndDovecotTlsLineTests
{
    private static readonly PublicSuffixList Suffixes = PublicSuffixList.Parse("com\nnet\norg");

    [Theory]
    [InlineData("2024-01-02 03:04:05 TLS error on connection from mail.example.com (helo.example.com) [192.0.2.1] (SSL_accept): error:0A000102:SSL routines::unsupported protocol", TlsCause.ProtocolVersionMismatch)]
    [InlineData("2024-01-02 03:04:05 [4242] TLS error on connection from mail.example.com [192.0.2.1]:50112 I=[198.51.100.1]:25 (SSL_accept): error:0A0000C1:SSL routines::no shared cipher", TlsCause.NoSharedCipher)]
    [InlineData("2024-01-02 03:04:05 TLS error on connection from mail.example.com [192.0.2.1] (gnutls_handshake): Could not negotiate a supported cipher suite.", TlsCause.NoSharedCipher)]
    [InlineData("2024-01-02 03:04:05 TLS error on connection from mail.example.com [192.0.2.1] (gnutls_handshake): A packet with illegal or unsupported version was received.", TlsCause.ProtocolVersionMismatch)]
    [InlineData("2024-01-02 03:04:05 TLS error on connection from mail.example.com [192.0.2.1] (gnutls_handshake): The TLS connection was non-properly terminated.", TlsCause.PeerClosedDuringHandshake)]
    [InlineData("2024-01-02 03:04:05 TLS error on connection from mail.example.com [192.0.2.1] (gnutls_handshake): A TLS fatal alert has been received.", TlsCause.Unknown)]
    [InlineData("2024-01-02 03:04:05 TLS error on connection from mail.example.com [192.0.2.1] (SSL_accept): timed out", TlsCause.HandshakeTimeout)]
    public void Extract_EximInboundTlsError_GivesCauseAndPeer(string line, TlsCause expected)
    {
        // Given an Exim main-log failure line (OpenSSL or GnuTLS build)
        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(line, suffixes: Suffixes));

        // Then the cause, direction and peer are read
        Assert.Equal(MailTransferAgent.Exim, attempt.Mta);
        Assert.Equal(TlsDirection.Inbound, attempt.Direction);
        Assert.Equal(expected, attempt.Cause);
        Assert.Equal("mail.example.com", attempt.Peer.Host);
        Assert.Equal("192.0.2.1", attempt.Peer.Ip);
        Assert.Equal("example.com", attempt.Peer.Org);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5), attempt.Timestamp!.Value.Wallclock);
    }

    [Fact]
    public void Extract_EximOutboundVerifyFailure_IsServerCertUntrustedWithMessageId()
    {
        // Given a delivery attempt whose server certificate did not verify
        const string Line = "2024-01-02 03:04:05 1rAbCd-000123-AB TLS error on connection to mx.example.net [198.51.100.2] (SSL_connect): error:0A000086:SSL routines::certificate verify failed";

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Line, suffixes: Suffixes));

        // Then it is outbound, untrusted, tied to the message
        Assert.Equal(TlsDirection.Outbound, attempt.Direction);
        Assert.Equal(TlsCause.ServerCertUntrusted, attempt.Cause);
        Assert.Equal("1rAbCd-000123-AB", attempt.QueueId);
    }

    [Fact]
    public void Extract_EximReceivedWithTls_IsInboundSuccess()
    {
        // Given a "<=" line with X= and CV=
        const string Line = "2024-01-02 03:04:05 1rAbCd-000123-AB <= sender@example.org H=mail.example.org [192.0.2.3] P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=1234 id=abc@example.org";

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Line, suffixes: Suffixes));

        // Then protocol, cipher and trust are reported
        Assert.Equal(TlsOutcome.Success, attempt.Outcome);
        Assert.Equal(TlsDirection.Inbound, attempt.Direction);
        Assert.Equal("TLS1.3", attempt.Protocol);
        Assert.Equal("TLS_AES_256_GCM_SHA384", attempt.Cipher);
        Assert.Equal(TlsTrust.Untrusted, attempt.Trust);
        Assert.Equal("example.org", attempt.Peer.Org);
    }

    [Fact]
    public void Extract_EximDeliveredWithDane_IsVerifiedOutboundSuccess()
    {
        // Given a "=>" line through syslog (tag exim) with CV=dane
        const string Line = "Jan  2 03:04:05 relay exim[77]: 1rAbCd-000123-AB => user@example.net R=dnslookup T=remote_smtp H=mx.example.net [198.51.100.2] X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=dane DN=\"CN=mx.example.net\" C=\"250 OK\"";

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Line, suffixes: Suffixes));

        // Then it is an outbound verified success
        Assert.Equal(TlsDirection.Outbound, attempt.Direction);
        Assert.Equal(TlsTrust.Verified, attempt.Trust);
        Assert.Equal("ECDHE-RSA-AES256-GCM-SHA384", attempt.Cipher);
    }

    [Fact]
    public void Extract_EximReceivedWithoutTls_IsNotAnEvent()
    {
        // Given a cleartext reception
        const string Line = "2024-01-02 03:04:05 1rAbCd-000123-AB <= sender@example.org H=mail.example.org [192.0.2.3] P=esmtp S=1234";

        // When extracted, Then nothing is reported
        Assert.Empty(Fixtures.Extract(Line));
    }

    [Theory]
    [InlineData("Dec 19 11:09:11 server dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.5, lip=198.51.100.1, TLS handshaking: SSL_accept() failed: error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol, session=<AbCdEf>", TlsCause.ProtocolVersionMismatch, "unsupported protocol")]
    [InlineData("Dec 19 11:09:11 server dovecot: imap-login: Disconnected: Connection closed: SSL_accept() failed: error:0A0000C1:SSL routines::no shared cipher (no auth attempts in 0 secs): user=<>, rip=192.0.2.5, lip=198.51.100.1, TLS handshaking, session=<AbCdEf>", TlsCause.NoSharedCipher, null)]
    [InlineData("Dec 19 11:09:11 server dovecot: pop3-login: Disconnected (no auth attempts in 1 secs): user=<>, rip=192.0.2.5, lip=198.51.100.1, TLS handshaking: Disconnected, session=<AbCdEf>", TlsCause.PeerClosedDuringHandshake, "TLS handshaking: Disconnected")]
    public void Extract_DovecotHandshakeFailure_GivesCauseAndRemoteIp(string line, TlsCause expected, string? detail)
    {
        // Given a Dovecot login process's failure line (2.2 and 2.3 wording)
        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(line));

        // Then the cause and the client's address are read
        Assert.Equal(MailTransferAgent.Dovecot, attempt.Mta);
        Assert.Equal(expected, attempt.Cause);
        Assert.Equal("192.0.2.5", attempt.Peer.Ip);
        if (detail is not null)
        {
            Assert.StartsWith(detail, attempt.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DrainEvents_HandsEachEventOverOnce()
    {
        // Given an extractor fed two Exim failures, as mailtls logs --follow feeds it
        var extractor = new TlsEventExtractor(new LogParseOptions { ReferenceDate = new DateTime(2024, 1, 1) }, Suffixes);
        const string Failure = "2024-01-02 03:04:05 TLS error on connection from mail.example.com [192.0.2.1] (SSL_accept): timed out";
        extractor.Add("mail.log", 1, Failure);
        var first = extractor.DrainEvents();
        extractor.Add("mail.log", 2, Failure);

        // When drained again
        var second = extractor.DrainEvents();

        // Then each drain holds only what came after the last, and nothing is kept
        Assert.Equal(1, Assert.Single(first).Location.Line);
        Assert.Equal(2, Assert.Single(second).Location.Line);
        Assert.Empty(extractor.Events);
    }
}
