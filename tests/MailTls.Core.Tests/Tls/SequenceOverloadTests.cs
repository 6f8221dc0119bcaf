using System.Buffers;
using System.Text;
using MailTls.Core.Smtp;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

public sealed class SequenceOverloadTests
{
    [Fact]
    public void ServerFlightReader_MultiSegmentSequence_SameResultAsSpan()
    {
        // Given
        var bytes = TlsTestData.ReadHex("ServerFlights/tls12-ecdhe-rsa.hex");
        var sequence = SequenceSegments.Split(bytes, 7);

        // When
        var status = ServerFlightReader.TryRead(sequence, ParserLimits.Default, out var flight, out var consumed, out _);

        // Then
        Assert.False(sequence.IsSingleSegment);
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(0xC02F, flight!.ServerHello!.CipherSuite);
    }

    [Fact]
    public void ServerFlightReader_SingleSegment_ReadsDirectly()
    {
        // Given
        var sequence = new ReadOnlySequence<byte>(Convert.FromHexString("15030300020228"));

        // When
        var status = ServerFlightReader.TryRead(sequence, ParserLimits.Default, out var flight, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(TlsAlertDescription.HandshakeFailure, flight!.Alert!.Value.Description);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    public void TlsRecord_SequenceInSegments_ReadsRecord(int segmentLength)
    {
        // Given
        var bytes = Convert.FromHexString("1503030002022815");
        var sequence = SequenceSegments.Split(bytes, segmentLength);

        // When
        var status = TlsRecord.TryRead(sequence, ParserLimits.Default, out var record, out var consumed, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(7, consumed);
        Assert.Equal(TlsContentType.Alert, record.ContentType);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(1000)]
    public void SmtpReplyReader_SequenceInSegments_ReadsReply(int segmentLength)
    {
        // Given
        var bytes = Encoding.ASCII.GetBytes("250-mx.example.net\r\n250 STARTTLS\r\n");
        var sequence = SequenceSegments.Split(bytes, segmentLength);

        // When
        var status = SmtpReplyReader.TryRead(sequence, ParserLimits.Default, out var reply, out var consumed, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal("STARTTLS", reply!.Lines[1]);
    }

    [Fact]
    public void SmtpReplyReader_EndlessInputInSegments_StopsAtLimit()
    {
        // Given: far more than one maximal reply, delivered in segments
        var limits = ParserLimits.Default with { MaxSmtpLineLength = 16, MaxSmtpReplyLines = 2 };
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("220-x\r\n", 1000)));
        var sequence = SequenceSegments.Split(bytes, 64);

        // When
        var status = SmtpReplyReader.TryRead(sequence, limits, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(SmtpParseError.TooManyLines, error);
    }
}
