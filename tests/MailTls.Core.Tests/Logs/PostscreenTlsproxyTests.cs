using MailTls.Core.Logs;
using MailTls.Core.Tests.TestData;
using Xunit;

namespace MailTls.Core.Tests.Logs;

public class PostscreenTlsproxyTests
{
    [Fact]
    public void Extract_TlsproxyHandshakeFailure_IsOneInboundEventForTheAddress()
    {
        // Given postscreen handing a client to tlsproxy, whose handshake fails (peer known by address only)
        const string Log = """
            Jan 10 10:00:00 mx postfix/postscreen[100]: CONNECT from [192.0.2.1]:40000 to [198.51.100.1]:25
            Jan 10 10:00:00 mx postfix/tlsproxy[101]: CONNECT from [192.0.2.1]:40000
            Jan 10 10:00:00 mx postfix/tlsproxy[101]: SSL_accept error from [192.0.2.1]:40000: -1
            Jan 10 10:00:00 mx postfix/tlsproxy[101]: warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1657:
            Jan 10 10:00:00 mx postfix/tlsproxy[101]: DISCONNECT [192.0.2.1]:40000
            Jan 10 10:00:01 mx postfix/postscreen[100]: DISCONNECT [192.0.2.1]:40000
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then the tlsproxy session is one inbound protocol refusal; postscreen's plain session is not an event
        Assert.Equal("postfix/tlsproxy", attempt.Program);
        Assert.Equal(TlsDirection.Inbound, attempt.Direction);
        Assert.Equal(TlsCause.ProtocolVersionMismatch, attempt.Cause);
        Assert.Null(attempt.Peer.Host);
        Assert.Equal("192.0.2.1", attempt.Peer.Ip);
        Assert.Equal(2, attempt.Location.Line);
    }

    [Fact]
    public void Extract_TlsLogLevelTwoStateLines_DoNotChangeTheOutcome()
    {
        // Given a successful session logged at smtpd_tls_loglevel = 2 (state-machine lines)
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[7]: connect from b.example.org[192.0.2.2]
            Jan 10 10:00:00 mx postfix/smtpd[7]: setting up TLS connection from b.example.org[192.0.2.2]
            Jan 10 10:00:00 mx postfix/smtpd[7]: b.example.org[192.0.2.2]: TLS cipher list "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH"
            Jan 10 10:00:00 mx postfix/smtpd[7]: SSL_accept:before SSL initialization
            Jan 10 10:00:00 mx postfix/smtpd[7]: SSL_accept:SSLv3/TLS read client hello
            Jan 10 10:00:00 mx postfix/smtpd[7]: SSL_accept:SSLv3/TLS write server hello
            Jan 10 10:00:00 mx postfix/smtpd[7]: SSL_accept:SSLv3/TLS write finished
            Jan 10 10:00:00 mx postfix/smtpd[7]: Anonymous TLS connection established from b.example.org[192.0.2.2]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256
            Jan 10 10:00:01 mx postfix/smtpd[7]: disconnect from b.example.org[192.0.2.2] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then it is one success starting at the connect line
        Assert.Equal(TlsOutcome.Success, attempt.Outcome);
        Assert.Equal(1, attempt.Location.Line);
        Assert.Equal("TLSv1.3", attempt.Protocol);
    }

    [Fact]
    public void Extract_AlertReceivedAtLogLevelTwo_AttributesWhenNoLibraryLine()
    {
        // Given only the state line that records a bad_certificate alert from the client, then a lost connection
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[8]: connect from c.example.net[192.0.2.3]
            Jan 10 10:00:00 mx postfix/smtpd[8]: SSL3 alert read:fatal:bad certificate
            Jan 10 10:00:00 mx postfix/smtpd[8]: SSL_accept:error in error
            Jan 10 10:00:00 mx postfix/smtpd[8]: lost connection after STARTTLS from c.example.net[192.0.2.3]
            Jan 10 10:00:00 mx postfix/smtpd[8]: disconnect from c.example.net[192.0.2.3] ehlo=1 starttls=0/1 commands=1/2
            """;

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then the received alert decides: the peer rejected our certificate
        Assert.Equal(TlsCause.PeerRejectedOurCertificate, attempt.Cause);
        Assert.Equal("alert: bad certificate", attempt.Detail);
    }

    [Fact]
    public void Extract_SslAcceptTimedOut_IsHandshakeTimeout()
    {
        // Given tls_server_start()'s "%m" form after a handshake timeout
        const string Log = """
            Jan 10 10:00:00 mx postfix/smtpd[9]: connect from d.example.net[192.0.2.4]
            Jan 10 10:05:00 mx postfix/smtpd[9]: SSL_accept error from d.example.net[192.0.2.4]: Connection timed out
            Jan 10 10:05:00 mx postfix/smtpd[9]: disconnect from d.example.net[192.0.2.4] ehlo=1 starttls=0/1 commands=1/2
            """;

        // When extracted, Then the cause is a timeout
        Assert.Equal(TlsCause.HandshakeTimeout, Assert.Single(Fixtures.Extract(Log)).Cause);
    }
}
