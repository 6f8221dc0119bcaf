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
}
