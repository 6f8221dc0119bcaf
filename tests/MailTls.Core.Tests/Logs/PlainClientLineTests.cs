using System.Text;
using MailTls.Core.Logs;
using MailTls.Core.Logs.Postfix;
using Xunit;

namespace MailTls.Core.Tests.Logs;

/// <summary>
/// The block parser drops the client= lines of sessions that already established TLS before
/// decoding them, on a byte test of the message. The classifier is the oracle: every message the
/// byte test accepts must classify as a client= line, or the block parser would lose a line.
/// </summary>
public class PlainClientLineTests
{
    public static TheoryData<string, bool> Messages => new()
    {
        { "0000000001: client=mail-496.web.de[192.0.2.220]", true },
        { "4XkQ2b1Zz9z9t: client=unknown[2001:db8::1]:52011", true },
        { "ABCDEF: client=", true },
        { "Anonymous: client=x[192.0.2.1]", true },
        { "warning: client=x[192.0.2.1]", false },
        { "0000000001: client=mail.example[192.0.2.1], sasl_method=PLAIN, sasl_username=u", false },
        { "ABCD: client=x[192.0.2.1]", false },
        { "0000000001:client=x[192.0.2.1]", false },
        { "0000000001: client=x[192.0.2.1] Must issue a STARTTLS command first", false },
        { "connect from mail.example[192.0.2.1]", false },
        { "0000000001: to=<a@b>, relay=x[192.0.2.1]:25, status=sent (250 ok)", false },
        { "", false },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void IsPlainClientLine_AcceptsOnlyWhatTheClassifierCallsAClientLine(string message, bool expected)
    {
        // Given a message after a Postfix header
        var bytes = Encoding.UTF8.GetBytes(message);

        // When the byte test and the classifier read it
        var plain = LogBlockParser.IsPlainClientLine(bytes);
        var kind = PostfixLineClassifier.Classify(message).Kind;

        // Then the byte test says what was expected, and never accepts what is not a client= line
        Assert.Equal(expected, plain);
        Assert.True(!plain || kind == PostfixLineKind.MessageAccepted, $"{message}: {kind}");
    }

    [Fact]
    public void Parse_SessionReopenedOnALineOfAnotherHeaderShape_StillReportsItsCleartextDelivery()
    {
        // Given a process whose TLS session ends and whose next session, opened on a line with a
        // syslog priority (read by the general parser), delivers without TLS after its organisation
        // failed a handshake
        string[] log =
        [
            "Nov  1 00:00:01 mx postfix/smtpd[9]: connect from a.example.com[192.0.2.1]",
            "Nov  1 00:00:01 mx postfix/smtpd[9]: SSL_accept error from a.example.com[192.0.2.1]: -1",
            "Nov  1 00:00:01 mx postfix/smtpd[9]: disconnect from a.example.com[192.0.2.1] ehlo=1 starttls=0/1 commands=1/2",
            "Nov  1 00:00:02 mx postfix/smtpd[7]: connect from b.example.com[192.0.2.2]",
            "Nov  1 00:00:02 mx postfix/smtpd[7]: Anonymous TLS connection established from b.example.com[192.0.2.2]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "<22>Nov  1 00:00:03 mx postfix/smtpd[7]: connect from c.example.com[192.0.2.3]",
            "Nov  1 00:00:03 mx postfix/smtpd[7]: 0000000003: client=c.example.com[192.0.2.3]",
            "Nov  1 00:00:04 mx postfix/smtpd[7]: disconnect from c.example.com[192.0.2.3] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5",
        ];
        var options = new LogParseOptions { ReferenceDate = new DateTime(2026, 11, 23) };
        var byLine = new TlsEventExtractor(options);
        for (var i = 0; i < log.Length; i++)
        {
            byLine.Add("mail.log", i + 1, log[i]);
        }

        byLine.Complete();
        var byBlock = new TlsEventExtractor(options);
        byBlock.Add("mail.log", 1, LogBlockParser.Parse(Encoding.UTF8.GetBytes(string.Join('\n', log)), byBlock.Options));
        byBlock.Complete();

        // Then read as one block it gives what line-by-line reading gives: the cleartext delivery
        Assert.Equal(7, Assert.Single(byLine.CleartextDeliveries).Location.Line);
        Assert.Equal(byLine.CleartextDeliveries, byBlock.CleartextDeliveries);
        Assert.Equal(byLine.Events, byBlock.Events);
    }
}
