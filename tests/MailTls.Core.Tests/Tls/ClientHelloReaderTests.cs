using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class ClientHelloReaderTests
{
    private const string PostfixHello = "ClientProfiles/raw/postfix_3.7.11_debian12_default.conn1.clienthello.hex";

    // Body of a minimal TLS 1.2 ClientHello: version, random, empty session id, one suite, null compression.
    private const string MinimalBodyHex = "0303" + "0000000000000000000000000000000000000000000000000000000000000000" + "00" + "0002C02F" + "0100";

    private static ParseStatus ReadBody(string bodyHex, out ClientHelloInfo? hello, out int offset, out TlsParseError error, ParserLimits? limits = null)
    {
        var body = Convert.FromHexString(bodyHex);
        return ClientHelloReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.ClientHello, body), limits ?? ParserLimits.Default, out hello, out offset, out error);
    }

    [Fact]
    public void TryRead_MinimalHelloWithoutExtensions_ReturnsDone()
    {
        // Given / When
        var status = ReadBody(MinimalBodyHex, out var hello, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(new ushort[] { 0xC02F }, hello!.CipherSuites);
        Assert.Empty(hello.Extensions);
    }

    [Fact]
    public void TryReadRecords_TruncatedAnywhere_ReturnsNeedMoreData()
    {
        // Given
        var record = TlsTestData.ReadHex(PostfixHello);
        for (var length = 0; length < record.Length; length++)
        {
            // When
            var status = ClientHelloReader.TryReadRecords(record.AsSpan(0, length), ParserLimits.Default, out _, out _, out _);

            // Then
            Assert.Equal(ParseStatus.NeedMoreData, status);
        }
    }

    [Fact]
    public void TryReadRecords_HelloSplitOverTwoRecords_IsReassembled()
    {
        // Given: the Postfix hello's handshake message cut into two records
        var record = TlsTestData.ReadHex(PostfixHello);
        var message = record.AsSpan(TlsRecord.HeaderLength);
        var first = message[..100].ToArray();
        var second = message[100..].ToArray();
        byte[] Header(int length) => [0x16, 0x03, 0x01, (byte)(length >> 8), (byte)length];
        var split = Header(first.Length).Concat(first).Concat(Header(second.Length)).Concat(second).ToArray();

        // When
        var status = ClientHelloReader.TryReadRecords(split, ParserLimits.Default, out var hello, out var consumed, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(split.Length, consumed);
        Assert.Equal(87, hello!.CipherSuites.Length);
    }

    [Fact]
    public void TryReadRecords_AlertRecord_ReturnsInvalid()
    {
        // Given
        var alert = Convert.FromHexString("15030300020228");

        // When
        var status = ClientHelloReader.TryReadRecords(alert, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedHandshakeType, error);
    }

    [Fact]
    public void TryReadRecords_ServerHelloMessage_ReturnsInvalid()
    {
        // Given
        var record = Convert.FromHexString("16030100060200000203" + "03");

        // When
        var status = ClientHelloReader.TryReadRecords(record, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedHandshakeType, error);
    }

    [Fact]
    public void TryReadRecords_MessageShorterThanItsFields_ReturnsInvalidNotNeedMoreData()
    {
        // Given: a complete handshake message whose body stops inside the random
        var record = Convert.FromHexString("16030100080100000403030000");

        // When
        var status = ClientHelloReader.TryReadRecords(record, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.Truncated, error);
    }

    [Theory]
    [InlineData("0303", TlsParseError.Truncated)] // stops before the random
    [InlineData("0303" + "0000000000000000000000000000000000000000000000000000000000000000" + "21" + "000000000000000000000000000000000000000000000000000000000000000000" + "0002C02F0100", TlsParseError.BadVectorLength)] // session id of 33
    [InlineData("0303" + "0000000000000000000000000000000000000000000000000000000000000000" + "00" + "0003C02F00" + "0100", TlsParseError.BadVectorLength)] // odd suite list
    [InlineData("0303" + "0000000000000000000000000000000000000000000000000000000000000000" + "00" + "0000" + "0100", TlsParseError.BadVectorLength)] // no suites
    [InlineData("0303" + "0000000000000000000000000000000000000000000000000000000000000000" + "00" + "0002C02F" + "00", TlsParseError.BadVectorLength)] // no compression methods
    [InlineData("0303" + "0000000000000000000000000000000000000000000000000000000000000000" + "00" + "0002C02F", TlsParseError.Truncated)] // compression missing
    [InlineData(MinimalBodyHex + "0004" + "00170000" + "00", TlsParseError.TrailingData)]
    [InlineData(MinimalBodyHex + "0005" + "0017000500", TlsParseError.Truncated)] // extension data past the list
    [InlineData(MinimalBodyHex + "0008" + "00170000" + "00170000", TlsParseError.DuplicateExtension)]
    [InlineData(MinimalBodyHex + "0006" + "002B0002" + "0103", TlsParseError.BadVectorLength)] // supported_versions odd
    [InlineData(MinimalBodyHex + "0005" + "002B0001" + "00", TlsParseError.BadVectorLength)] // supported_versions empty
    [InlineData(MinimalBodyHex + "0007" + "000A0003" + "000100", TlsParseError.BadVectorLength)] // groups odd
    [InlineData(MinimalBodyHex + "0007" + "000D0003" + "000104", TlsParseError.BadVectorLength)] // sigalgs odd
    [InlineData(MinimalBodyHex + "0005" + "000B0001" + "00", TlsParseError.BadVectorLength)] // ec_point_formats empty
    [InlineData(MinimalBodyHex + "000A" + "00330006" + "0004001D0002", TlsParseError.BadVectorLength)] // key_share entry short
    [InlineData(MinimalBodyHex + "0006" + "00000002" + "0000", TlsParseError.BadVectorLength)] // server_name list empty
    [InlineData(MinimalBodyHex + "0009" + "00000005" + "0003000001", TlsParseError.BadVectorLength)] // server_name entry short
    [InlineData(MinimalBodyHex + "0008" + "002B0004" + "02030400", TlsParseError.BadVectorLength)] // trailing byte after versions
    public void TryRead_MalformedBody_ReturnsInvalidWithReason(string bodyHex, TlsParseError expected)
    {
        // Given / When
        var status = ReadBody(bodyHex, out var hello, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(expected, error);
        Assert.Null(hello);
    }

    [Fact]
    public void TryRead_ErrorOffset_PointsAtTheBadExtension()
    {
        // Given: the duplicate extension starts at body offset len(minimal) + 2 (list length) + 4
        var minimalLength = MinimalBodyHex.Length / 2;

        // When
        ReadBody(MinimalBodyHex + "0008" + "00170000" + "00170000", out _, out var offset, out _);

        // Then
        Assert.Equal(minimalLength + 2 + 4, offset);
    }

    [Fact]
    public void TryRead_MoreExtensionsThanLimit_ReturnsInvalid()
    {
        // Given
        var limits = ParserLimits.Default with { MaxExtensions = 1 };

        // When
        var status = ReadBody(MinimalBodyHex + "0008" + "00170000" + "00160000", out _, out _, out var error, limits);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.TooManyExtensions, error);
    }

    [Fact]
    public void TryRead_ServerNameWithControlBytes_IsMadePrintable()
    {
        // Given: host_name "a\x1bb"
        var body = MinimalBodyHex + "000C" + "00000008" + "0006" + "00" + "0003" + "611B62";

        // When
        var status = ReadBody(body, out var hello, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal("a?b", hello!.ServerName);
    }

    [Fact]
    public void TryRead_NotAClientHello_ReturnsInvalid()
    {
        // Given
        var message = new TlsHandshakeMessage(TlsHandshakeType.ServerHello, Convert.FromHexString(MinimalBodyHex));

        // When
        var status = ClientHelloReader.TryRead(message, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedHandshakeType, error);
    }
}
