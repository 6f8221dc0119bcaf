using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class TlsReaderTests
{
    [Fact]
    public void TryReadIntegers_BigEndian_ReturnsValuesAndAdvances()
    {
        // Given
        var reader = new TlsReader([0x01, 0x02, 0x03, 0x04, 0x05, 0x06]);

        // When
        var ok8 = reader.TryReadUInt8(out var a);
        var ok16 = reader.TryReadUInt16(out var b);
        var ok24 = reader.TryReadUInt24(out var c);

        // Then
        Assert.True(ok8 && ok16 && ok24);
        Assert.Equal(0x01, a);
        Assert.Equal(0x0203, b);
        Assert.Equal(0x040506, c);
        Assert.True(reader.End);
        Assert.Equal(6, reader.Consumed);
    }

    [Fact]
    public void TryReadUInt24_TwoBytesLeft_ReturnsFalseAndKeepsPosition()
    {
        // Given
        var reader = new TlsReader([0xFF, 0x01, 0x02]);
        reader.TryReadUInt8(out _);

        // When
        var ok = reader.TryReadUInt24(out var value);

        // Then
        Assert.False(ok);
        Assert.Equal(0, value);
        Assert.Equal(1, reader.Consumed);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x01 })]
    public void TryReadUInt16_ShortInput_ReturnsFalse(byte[] input)
    {
        // Given
        var reader = new TlsReader(input);

        // When
        var ok = reader.TryReadUInt16(out _);

        // Then
        Assert.False(ok);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void TryReadUInt8_Empty_ReturnsFalse()
    {
        // Given
        var reader = new TlsReader([]);

        // When / Then
        Assert.False(reader.TryReadUInt8(out _));
    }

    [Fact]
    public void TryReadVector8_Complete_ReturnsContent()
    {
        // Given
        var reader = new TlsReader([0x02, 0xAA, 0xBB, 0xCC]);

        // When
        var ok = reader.TryReadVector8(out var value);

        // Then
        Assert.True(ok);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, value.ToArray());
        Assert.Equal(1, reader.Remaining);
    }

    [Fact]
    public void TryReadVector8_LengthPastEnd_ReturnsFalseAndDoesNotConsumePrefix()
    {
        // Given
        var reader = new TlsReader([0x03, 0xAA, 0xBB]);

        // When
        var ok = reader.TryReadVector8(out _);

        // Then
        Assert.False(ok);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void TryReadVector16_Complete_ReturnsContent()
    {
        // Given
        var reader = new TlsReader([0x00, 0x01, 0x7F]);

        // When
        var ok = reader.TryReadVector16(out var value);

        // Then
        Assert.True(ok);
        Assert.Equal(new byte[] { 0x7F }, value.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x00, 0x02, 0x01 })]
    public void TryReadVector16_Short_ReturnsFalseAndKeepsPosition(byte[] input)
    {
        // Given
        var reader = new TlsReader(input);

        // When
        var ok = reader.TryReadVector16(out _);

        // Then
        Assert.False(ok);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void TryReadVector24_Complete_ReturnsContent()
    {
        // Given
        var reader = new TlsReader([0x00, 0x00, 0x02, 0x01, 0x02]);

        // When
        var ok = reader.TryReadVector24(out var value);

        // Then
        Assert.True(ok);
        Assert.Equal(new byte[] { 0x01, 0x02 }, value.ToArray());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x02, 0x01 })]
    public void TryReadVector24_Short_ReturnsFalseAndKeepsPosition(byte[] input)
    {
        // Given
        var reader = new TlsReader(input);

        // When
        var ok = reader.TryReadVector24(out _);

        // Then
        Assert.False(ok);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void TryReadBytes_NegativeCount_Throws()
    {
        // Given
        var threw = false;

        // When
        try
        {
            var reader = new TlsReader([0x01]);
            reader.TryReadBytes(-1, out _);
        }
        catch (ArgumentOutOfRangeException)
        {
            threw = true;
        }

        // Then
        Assert.True(threw);
    }
}
