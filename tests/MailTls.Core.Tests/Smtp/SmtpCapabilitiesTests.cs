using System.Collections.Immutable;
using Xunit;
using MailTls.Core.Smtp;

namespace MailTls.Core.Tests.Smtp;

public sealed class SmtpCapabilitiesTests
{
    private static SmtpCapabilities? Parse(params string[] lines) => SmtpCapabilities.FromEhloReply(new SmtpReply(250, [.. lines]));

    [Fact]
    public void FromEhloReply_PostfixReply_ReadsKnownExtensions()
    {
        // Given / When
        var caps = Parse("mx.example.net", "PIPELINING", "SIZE 10240000", "STARTTLS", "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING", "REQUIRETLS", "AUTH PLAIN login")!;

        // Then
        Assert.Equal("mx.example.net", caps.Domain);
        Assert.True(caps.StartTls);
        Assert.True(caps.Pipelining);
        Assert.True(caps.SmtpUtf8);
        Assert.True(caps.RequireTls);
        Assert.True(caps.EightBitMime);
        Assert.True(caps.Chunking);
        Assert.True(caps.Dsn);
        Assert.True(caps.EnhancedStatusCodes);
        Assert.Equal(10240000, caps.Size);
        Assert.Equal(["PLAIN", "LOGIN"], caps.AuthMechanisms.ToArray());
        Assert.True(caps.Has("starttls"));
    }

    [Fact]
    public void FromEhloReply_NoStartTls_ReportsAbsent()
    {
        // Given / When
        var caps = Parse("mx.example.net Hello", "PIPELINING")!;

        // Then
        Assert.False(caps.StartTls);
        Assert.False(caps.SmtpUtf8);
        Assert.Null(caps.Size);
        Assert.Empty(caps.AuthMechanisms);
    }

    [Theory]
    [InlineData("SIZE", 0L)]
    [InlineData("SIZE 0", 0L)]
    [InlineData("SIZE junk", 0L)]
    [InlineData("SIZE 52428800", 52428800L)]
    public void Size_Parameter_IsParsed(string line, long expected)
    {
        // Given / When
        var caps = Parse("mx", line)!;

        // Then
        Assert.Equal(expected, caps.Size);
    }

    [Fact]
    public void FromEhloReply_InvalidKeywords_KeptAsUnparsed()
    {
        // Given: "AUTH=LOGIN" is the pre-RFC 4954 form, "" and "-X" are not keywords
        var caps = Parse("mx", "AUTH=LOGIN PLAIN", "", "-X", "X-CUSTOM yes")!;

        // When
        var unparsed = caps.UnparsedLines;

        // Then
        Assert.Equal(["AUTH=LOGIN PLAIN", "", "-X"], unparsed.ToArray());
        Assert.True(caps.Has("X-CUSTOM"));
        Assert.Equal(["YES"], caps.Keywords["x-custom"].ToArray());
    }

    [Fact]
    public void FromEhloReply_RepeatedKeyword_FirstWins()
    {
        // Given / When
        var caps = Parse("mx", "SIZE 100", "SIZE 200")!;

        // Then
        Assert.Equal(100, caps.Size);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(421)]
    public void FromEhloReply_NotOk_ReturnsNull(int code)
    {
        // Given
        var reply = new SmtpReply(code, ["not implemented"]);

        // When
        var caps = SmtpCapabilities.FromEhloReply(reply);

        // Then
        Assert.Null(caps);
    }

    [Fact]
    public void FromEhloReply_EmptyLines_ReturnsNull()
    {
        // Given
        var reply = new SmtpReply(250, ImmutableArray<string>.Empty);

        // When / Then
        Assert.Null(SmtpCapabilities.FromEhloReply(reply));
    }
}
