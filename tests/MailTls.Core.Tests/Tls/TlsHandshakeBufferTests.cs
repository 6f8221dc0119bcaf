using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class TlsHandshakeBufferTests
{
    [Fact]
    public void TryReadMessage_MessageSplitAcrossRecords_ReassemblesIt()
    {
        // Given: a ServerHelloDone (0e000000) and a 3-byte unknown message split over three fragments
        var buffer = new TlsHandshakeBuffer(ParserLimits.Default);
        buffer.Append(Convert.FromHexString("0e00"), out _);

        // When
        var first = buffer.TryReadMessage(out _, out _);
        buffer.Append(Convert.FromHexString("0000FA0000"), out _);
        var second = buffer.TryReadMessage(out var done, out _);
        var doneType = done.Type;
        var doneLength = done.Body.Length;
        var third = buffer.TryReadMessage(out _, out _);
        buffer.Append(Convert.FromHexString("03010203"), out _);
        var fourth = buffer.TryReadMessage(out var other, out _);

        // Then
        Assert.Equal(ParseStatus.NeedMoreData, first);
        Assert.Equal(ParseStatus.Done, second);
        Assert.Equal(TlsHandshakeType.ServerHelloDone, doneType);
        Assert.Equal(0, doneLength);
        Assert.Equal(ParseStatus.NeedMoreData, third);
        Assert.Equal(ParseStatus.Done, fourth);
        Assert.Equal((TlsHandshakeType)0xFA, other.Type);
        Assert.Equal(new byte[] { 1, 2, 3 }, other.Body.ToArray());
        Assert.Equal(0, buffer.BufferedLength);
    }

    [Fact]
    public void TryReadMessage_DeclaredLengthOverLimit_ReturnsInvalid()
    {
        // Given
        var buffer = new TlsHandshakeBuffer(ParserLimits.Default with { MaxHandshakeMessageLength = 10 });
        buffer.Append(Convert.FromHexString("0b00000b"), out _);

        // When
        var status = buffer.TryReadMessage(out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.HandshakeMessageTooLong, error);
    }

    [Fact]
    public void Append_MoreThanOneMessageAndRecordPending_ReturnsInvalid()
    {
        // Given
        var limits = ParserLimits.Default with { MaxHandshakeMessageLength = 10, MaxRecordFragmentLength = 10 };
        var buffer = new TlsHandshakeBuffer(limits);

        // When
        var ok = buffer.Append(new byte[24], out _);
        var tooMuch = buffer.Append(new byte[1], out var error);

        // Then
        Assert.Equal(ParseStatus.Done, ok);
        Assert.Equal(ParseStatus.Invalid, tooMuch);
        Assert.Equal(TlsParseError.HandshakeMessageTooLong, error);
    }

    [Fact]
    public void Append_LargeFragments_GrowsBuffer()
    {
        // Given: one 20000-byte message in two records
        var message = new byte[TlsHandshakeMessage.HeaderLength + 20000];
        message[0] = (byte)TlsHandshakeType.Certificate;
        message[2] = 0x4E; // 0x004E20 = 20000
        message[3] = 0x20;
        var buffer = new TlsHandshakeBuffer(ParserLimits.Default);

        // When
        buffer.Append(message.AsSpan(0, 16384), out _);
        var partial = buffer.TryReadMessage(out _, out _);
        buffer.Append(message.AsSpan(16384), out _);
        var status = buffer.TryReadMessage(out var read, out _);

        // Then
        Assert.Equal(ParseStatus.NeedMoreData, partial);
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(20000, read.Body.Length);
    }

    [Fact]
    public void TryRead_TruncatedAnywhere_ReturnsNeedMoreData()
    {
        // Given
        var message = Convert.FromHexString("0200000401020304");
        for (var length = 0; length < message.Length; length++)
        {
            // When
            var status = TlsHandshakeMessage.TryRead(message.AsSpan(0, length), ParserLimits.Default, out _, out _, out _);

            // Then
            Assert.Equal(ParseStatus.NeedMoreData, status);
        }
    }
}
