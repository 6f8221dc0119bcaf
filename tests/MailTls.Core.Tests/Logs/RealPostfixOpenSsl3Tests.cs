using MailTls.Core.Logs;
using MailTls.Core.Tests.TestData;
using Xunit;

namespace MailTls.Core.Tests.Logs;

/// <summary>
/// Lines written by Postfix 3.7.11's TLS client code (posttls-finger, which shares tls_client.c with
/// smtp(8)) under OpenSSL 3.0, against local test servers: a TLS 1.3-only server with the client
/// capped at TLS 1.2, a server whose only suite the client grade excludes, a self-signed server,
/// a server that answers STARTTLS in plaintext, and a cipher grade that selects nothing. Only the
/// "posttls-finger:" tag was rewritten to a syslog header.
/// </summary>
public class RealPostfixOpenSsl3Tests
{
    private static readonly IReadOnlyList<TlsEvent> Events = Fixtures.ExtractFixture("postfix37-openssl3-client.log");

    [Theory]
    [InlineData(1, TlsOutcome.Failure, TlsCause.ProtocolVersionMismatch, "tlsv1 alert protocol version")]
    [InlineData(3, TlsOutcome.Success, TlsCause.Ok, null)]
    [InlineData(5, TlsOutcome.Success, TlsCause.Ok, null)]
    [InlineData(8, TlsOutcome.Failure, TlsCause.Unknown, "sslv3 alert handshake failure")]
    [InlineData(10, TlsOutcome.Failure, TlsCause.TlsModeMismatch, "wrong version number")]
    [InlineData(12, TlsOutcome.Failure, TlsCause.LocalTlsConfigError, "no cipher match")]
    public void Extract_RealOpenSsl3ClientLines_GiveExpectedCause(int line, TlsOutcome outcome, TlsCause cause, string? detail)
    {
        // Given the real lines, When the event starting at this line is taken
        var attempt = Assert.Single(Events, e => e.Location.Line == line);

        // Then it is outbound with the expected outcome, cause and detail
        Assert.Equal(TlsDirection.Outbound, attempt.Direction);
        Assert.Equal(outcome, attempt.Outcome);
        Assert.Equal(cause, attempt.Cause);
        Assert.Equal(detail, attempt.Detail);
        Assert.Equal("127.0.0.1", attempt.Peer.Ip);
    }

    [Fact]
    public void Extract_RealLines_SixAttemptsWithTls13Details()
    {
        // Given the real lines, When extracted
        // Then there is one event per attempt, and the TLS 1.3 summary with key-exchange details still yields the cipher
        Assert.Equal(6, Events.Count);
        var tls13 = Assert.Single(Events, e => e.Protocol == "TLSv1.3");
        Assert.Equal("TLS_AES_256_GCM_SHA384", tls13.Cipher);
        Assert.Equal(TlsTrust.Untrusted, tls13.Trust);
    }

    [Fact]
    public void Extract_RealSmtpdStartTlsTimeout_IsHandshakeTimeoutNotPeerClosed()
    {
        // Given what Postfix 3.7.11's smtpd wrote when a client sent STARTTLS and then nothing
        // (smtpd_starttls_timeout = 2s; tests/MailTls.IntegrationTests/Logs reproduces it)
        var extractor = new TlsEventExtractor(new LogParseOptions { ReferenceDate = new DateTime(2026, 11, 23) });
        string[] lines =
        [
            "Nov 23 11:43:40 mx mailtls-1a546dbe/smtpd[10272]: connect from localhost[127.0.0.1]",
            "Nov 23 11:43:42 mx mailtls-1a546dbe/smtpd[10272]: SSL_accept error from localhost[127.0.0.1]: Connection timed out",
            "Nov 23 11:43:42 mx mailtls-1a546dbe/smtpd[10272]: lost connection after STARTTLS from localhost[127.0.0.1]",
            "Nov 23 11:43:42 mx mailtls-1a546dbe/smtpd[10272]: disconnect from localhost[127.0.0.1] ehlo=1 starttls=0/1 commands=1/2",
        ];

        // When extracted
        for (var i = 0; i < lines.Length; i++)
        {
            extractor.Add("mail.log", i + 1, lines[i]);
        }

        extractor.Complete();

        // Then the one event is a handshake timeout decided by the SSL_accept line, not the generic "lost connection"
        var attempt = Assert.Single(extractor.Events);
        Assert.Equal(TlsCause.HandshakeTimeout, attempt.Cause);
        Assert.Equal(2, attempt.CauseLocation?.Line);
    }
}
