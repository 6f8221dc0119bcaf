using System.Text;
using Xunit;
using MailTls.Core.Smtp;

namespace MailTls.Core.Tests.Smtp;

public sealed class SmtpReplyReaderTests
{
    // A Postfix 3.7 EHLO reply as sent to a client on loopback.
    private const string PostfixEhlo =
        "250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n250-STARTTLS\r\n" +
        "250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n";

    private static ParseStatus Read(string text, out SmtpReply? reply, out int consumed, out SmtpParseError error, ParserLimits? limits = null) =>
        SmtpReplyReader.TryRead(Encoding.ASCII.GetBytes(text), limits ?? ParserLimits.Default, out reply, out consumed, out error);

    [Fact]
    public void TryRead_SingleLineBanner_ReturnsCodeAndText()
    {
        // Given / When
        var status = Read("220 mx.example.net ESMTP Postfix\r\nEXTRA", out var reply, out var consumed, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(220, reply!.Code);
        Assert.Equal(["mx.example.net ESMTP Postfix"], reply.Lines.ToArray());
        Assert.Equal(34, consumed);
        Assert.True(reply.IsPositive);
    }

    [Fact]
    public void TryRead_MultiLineEhlo_ReturnsAllLines()
    {
        // Given / When
        var status = Read(PostfixEhlo, out var reply, out var consumed, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(11, reply!.Lines.Length);
        Assert.Equal("CHUNKING", reply.Lines[^1]);
        Assert.Equal(PostfixEhlo.Length, consumed);
    }

    [Fact]
    public void TryRead_TruncatedAnywhere_ReturnsNeedMoreData()
    {
        for (var length = 0; length < PostfixEhlo.Length; length++)
        {
            // Given
            var partial = PostfixEhlo[..length];

            // When
            var status = Read(partial, out _, out _, out _);

            // Then
            Assert.Equal(ParseStatus.NeedMoreData, status);
        }
    }

    [Theory]
    [InlineData("250\r\n", 250, "")]
    [InlineData("250\n", 250, "")]
    [InlineData("421 4.7.0 Too many connections\n", 421, "4.7.0 Too many connections")]
    [InlineData("554 no\tservice\r\n", 554, "no\tservice")]
    [InlineData("220 caf\u00e9 \u001b[31m\r\n", 220, "caf? ?[31m")]
    public void TryRead_LineVariants_AreRead(string text, int code, string firstLine)
    {
        // Given / When
        var status = SmtpReplyReader.TryRead(Encoding.Latin1.GetBytes(text), ParserLimits.Default, out var reply, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(code, reply!.Code);
        Assert.Equal(firstLine, reply.Lines[0]);
    }

    [Theory]
    [InlineData("HTTP/1.1 400\r\n", 0, SmtpParseError.BadReplyCode)]
    [InlineData("X", 0, SmtpParseError.BadReplyCode)] // rejected on the first byte
    [InlineData("6", 0, SmtpParseError.BadReplyCode)]
    [InlineData("1", 0, SmtpParseError.BadReplyCode)]
    [InlineData("26", 0, SmtpParseError.BadReplyCode)]
    [InlineData("25a", 0, SmtpParseError.BadReplyCode)]
    [InlineData("250x hello\r\n", 0, SmtpParseError.BadSeparator)]
    [InlineData("250-a\r\n251 b\r\n", 7, SmtpParseError.InconsistentCode)]
    [InlineData("25\n", 0, SmtpParseError.BadReplyCode)] // a complete line shorter than a code
    [InlineData("\n", 0, SmtpParseError.BadReplyCode)]
    [InlineData("250-x\n2\n", 6, SmtpParseError.BadReplyCode)]
    public void TryRead_Malformed_ReturnsInvalidAtLine(string text, int offset, SmtpParseError expected)
    {
        // Given / When
        var status = Read(text, out var reply, out var consumed, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(expected, error);
        Assert.Equal(offset, consumed);
        Assert.Null(reply);
    }

    [Fact]
    public void TryRead_EndlessLineWithoutLf_InvalidOnceOverLimit()
    {
        // Given: a 1 MB line never ends, but the limit stops reading at 2048 bytes
        var line = "220 " + new string('x', ParserLimits.Default.MaxSmtpLineLength);

        // When
        var status = Read(line, out _, out _, out var error);
        var below = Read(line[..ParserLimits.Default.MaxSmtpLineLength], out _, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(SmtpParseError.LineTooLong, error);
        Assert.Equal(ParseStatus.NeedMoreData, below);
    }

    [Fact]
    public void TryRead_LineExactlyAtLimit_IsAccepted()
    {
        // Given: 2048 bytes including CRLF
        var line = "220 " + new string('x', ParserLimits.Default.MaxSmtpLineLength - 6) + "\r\n";

        // When
        var status = Read(line, out _, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
    }

    [Fact]
    public void TryRead_EndlessMultiLineReply_InvalidAfterMaxLines()
    {
        // Given
        var limits = ParserLimits.Default with { MaxSmtpReplyLines = 3 };
        var text = string.Concat(Enumerable.Repeat("220-wait\r\n", 4));

        // When
        var status = Read(text, out _, out var consumed, out var error, limits);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(SmtpParseError.TooManyLines, error);
        Assert.Equal(30, consumed);
    }

    [Fact]
    public void TryRead_ThreeLinesAtLimitThree_IsAccepted()
    {
        // Given
        var limits = ParserLimits.Default with { MaxSmtpReplyLines = 3 };

        // When
        var status = Read("220-a\r\n220-b\r\n220 c\r\n", out var reply, out _, out _, limits);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(3, reply!.Lines.Length);
    }

    [Theory]
    [InlineData(220, SmtpGreetingKind.Ready)]
    [InlineData(421, SmtpGreetingKind.ServiceUnavailable)]
    [InlineData(554, SmtpGreetingKind.NoService)]
    [InlineData(250, SmtpGreetingKind.Unexpected)]
    public void Classify_GreetingCode_GivesKind(int code, SmtpGreetingKind expected)
    {
        // Given
        var reply = new SmtpReply(code, ["x"]);

        // When
        var kind = SmtpGreeting.Classify(reply);

        // Then
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData(250, true, false, false)]
    [InlineData(421, false, true, false)]
    [InlineData(554, false, false, true)]
    public void Reply_CodeClass_IsReported(int code, bool positive, bool transient, bool permanent)
    {
        // Given
        var reply = new SmtpReply(code, ["a", "b"]);

        // When / Then
        Assert.Equal(positive, reply.IsPositive);
        Assert.Equal(transient, reply.IsTransientFailure);
        Assert.Equal(permanent, reply.IsPermanentFailure);
        Assert.Equal("a b", reply.Text);
    }
}
