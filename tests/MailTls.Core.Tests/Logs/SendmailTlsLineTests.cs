using MailTls.Core.Dns;
using MailTls.Core.Logs;
using MailTls.Core.Tests.TestData;
using Xunit;

namespace MailTls.Core.Tests.Logs;

public class SendmailTlsLineTests
{
    [Fact]
    public void Extract_Scenario4BadCertificateAlert_IsPeerRejectedOurCertificate()
    {
        // Given scenario 4's Sendmail line (a DANE-validating client aborted with bad_certificate)
        var events = Fixtures.ExtractFixture("scenario4-sendmail-bad-certificate.log");

        // When extracted
        var attempt = Assert.Single(events);

        // Then the peer rejected *our* certificate, inbound, and the peer is named
        Assert.Equal(MailTransferAgent.Sendmail, attempt.Mta);
        Assert.Equal(TlsDirection.Inbound, attempt.Direction);
        Assert.Equal(TlsOutcome.Failure, attempt.Outcome);
        Assert.Equal(TlsCause.PeerRejectedOurCertificate, attempt.Cause);
        Assert.Equal("sslv3 alert bad certificate", attempt.Detail);
        Assert.Equal("xx.example.com", attempt.Peer.Host);
        Assert.Equal("XX.XX.XX.XX", attempt.Peer.Ip);
        Assert.Equal(1, attempt.Location.Line);
    }

    [Fact]
    public void Extract_SendmailClientSuccess_ReadsVersionCipherAndVerify()
    {
        // Given a Sendmail client success line (queue id before STARTTLS, relay with trailing dot)
        const string Log = "Mar  3 10:11:12 relay sm-mta[4711]: 123ABC456: STARTTLS=client, relay=mx1.example.org., version=TLSv1.3, verify=OK, cipher=TLS_AES_256_GCM_SHA384, bits=256/256";

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log, suffixes: PublicSuffixList.Parse("org")));

        // Then it is an outbound success with the negotiated parameters
        Assert.Equal(TlsDirection.Outbound, attempt.Direction);
        Assert.Equal(TlsOutcome.Success, attempt.Outcome);
        Assert.Equal("TLSv1.3", attempt.Protocol);
        Assert.Equal("TLS_AES_256_GCM_SHA384", attempt.Cipher);
        Assert.Equal(TlsTrust.Trusted, attempt.Trust);
        Assert.Equal("mx1.example.org", attempt.Peer.Host);
        Assert.Equal("example.org", attempt.Peer.Org);
    }

    [Fact]
    public void Extract_SendmailServerOpenSsl3Error_MapsFullErrorString()
    {
        // Given an OpenSSL 3 error string inside reason=
        const string Log = "sm-mta[5]: STARTTLS=server, error: accept failed=-1, reason=error:0A000102:SSL routines::unsupported protocol, SSL_error=1, errno=0, retry=-1, relay=[192.0.2.9]";

        // When extracted
        var attempt = Assert.Single(Fixtures.Extract(Log));

        // Then it is a protocol refusal from a peer known only by address
        Assert.Equal(TlsCause.ProtocolVersionMismatch, attempt.Cause);
        Assert.Null(attempt.Peer.Host);
        Assert.Equal("192.0.2.9", attempt.Peer.Ip);
    }
}
