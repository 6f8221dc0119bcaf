using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class TlsRecordTests
{
    // An alert record: handshake_failure(40), fatal(2), as sent by OpenSSL for "no shared cipher".
    private static readonly byte[] AlertRecord = Convert.FromHexString("15030300020228");

    [Fact]
    public void TryRead_CompleteAlertRecord_ReturnsDone()
    {
        // Given
        var input = AlertRecord;

        // When
        var status = TlsRecord.TryRead(input, ParserLimits.Default, out var record, out var consumed, out var error);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(TlsContentType.Alert, record.ContentType);
        Assert.Equal(0x0303, record.Version);
        Assert.Equal(new byte[] { 0x02, 0x28 }, record.Fragment.ToArray());
        Assert.Equal(7, consumed);
        Assert.Equal(TlsParseError.None, error);
    }

    [Fact]
    public void TryRead_TwoRecordsBackToBack_ConsumesOnlyTheFirst()
    {
        // Given
        var input = AlertRecord.Concat(AlertRecord).ToArray();

        // When
        var status = TlsRecord.TryRead(input, ParserLimits.Default, out _, out var consumed, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(AlertRecord.Length, consumed);
    }

    [Fact]
    public void TryRead_TruncatedAnywhere_ReturnsNeedMoreData()
    {
        for (var length = 0; length < AlertRecord.Length; length++)
        {
            // Given
            var input = AlertRecord.AsSpan(0, length);

            // When
            var status = TlsRecord.TryRead(input, ParserLimits.Default, out _, out _, out _);

            // Then
            Assert.Equal(ParseStatus.NeedMoreData, status);
        }
    }

    [Theory]
    [InlineData("32", 0, TlsParseError.UnknownContentType)] // '2' of an SMTP "220" reply
    [InlineData("1604", 1, TlsParseError.UnknownRecordVersion)]
    [InlineData("16020000", 1, TlsParseError.UnknownRecordVersion)]
    [InlineData("1603034801", 3, TlsParseError.RecordTooLong)] // 0x4801 = 2^14 + 2049
    [InlineData("1603030000", 3, TlsParseError.EmptyRecord)]
    [InlineData("1503010000", 3, TlsParseError.EmptyRecord)]
    public void TryRead_BadHeader_ReturnsInvalidAtOffset(string hex, int offset, TlsParseError expected)
    {
        // Given
        var input = Convert.FromHexString(hex);

        // When
        var status = TlsRecord.TryRead(input, ParserLimits.Default, out _, out var consumed, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(offset, consumed);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryRead_LengthAtLimit_NeedsMoreDataNotInvalid()
    {
        // Given: 0x4800 = 2^14 + 2048, the largest length allowed
        var input = Convert.FromHexString("1703034800");

        // When
        var status = TlsRecord.TryRead(input, ParserLimits.Default, out _, out _, out _);

        // Then
        Assert.Equal(ParseStatus.NeedMoreData, status);
    }

    [Fact]
    public void TryRead_EmptyApplicationData_IsAllowed()
    {
        // Given
        var input = Convert.FromHexString("1703030000");

        // When
        var status = TlsRecord.TryRead(input, ParserLimits.Default, out var record, out var consumed, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(TlsContentType.ApplicationData, record.ContentType);
        Assert.Equal(5, consumed);
    }

    [Fact]
    public void TryRead_CustomLimit_IsApplied()
    {
        // Given
        var limits = ParserLimits.Default with { MaxRecordFragmentLength = 1 };

        // When
        var status = TlsRecord.TryRead(AlertRecord, limits, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.RecordTooLong, error);
    }
}
