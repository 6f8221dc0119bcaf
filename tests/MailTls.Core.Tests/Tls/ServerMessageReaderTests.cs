using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class ServerMessageReaderTests
{
    private const string Random = "1111111111111111111111111111111111111111111111111111111111111111";

    // legacy_version 0303, random, empty session id, suite C02F, compression 0
    private const string ServerHelloPrefix = "0303" + Random + "00" + "C02F" + "00";

    private static ParseStatus ReadServerHello(string bodyHex, out ServerHelloInfo? hello, out TlsParseError error) =>
        ServerHelloReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.ServerHello, Convert.FromHexString(bodyHex)), ParserLimits.Default, out hello, out _, out error);

    [Fact]
    public void ServerHello_WithoutExtensions_ReturnsLegacyVersion()
    {
        // Given / When
        var status = ReadServerHello(ServerHelloPrefix, out var hello, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(TlsProtocolVersion.Tls12, hello!.Version);
        Assert.False(hello.SupportsSecureRenegotiation);
        Assert.Equal(TlsDowngradeSentinel.None, hello.DowngradeSentinel);
    }

    [Theory]
    [InlineData("444F574E47524401", TlsDowngradeSentinel.Tls12)]
    [InlineData("444F574E47524400", TlsDowngradeSentinel.Tls11OrBelow)]
    [InlineData("444F574E47524402", TlsDowngradeSentinel.None)]
    public void ServerHello_DowngradeMarkerInRandom_IsReported(string tail, TlsDowngradeSentinel expected)
    {
        // Given
        var body = "0303" + Random[..48] + tail + "00" + "C02F" + "00";

        // When
        ReadServerHello(body, out var hello, out _);

        // Then
        Assert.Equal(expected, hello!.DowngradeSentinel);
    }

    [Fact]
    public void ServerHello_DeflateCompression_IsReported()
    {
        // Given
        var body = "0303" + Random + "00" + "C02F" + "01";

        // When
        ReadServerHello(body, out var hello, out _);

        // Then
        Assert.Equal(1, hello!.CompressionMethod);
    }

    [Theory]
    [InlineData("03", TlsParseError.Truncated)]
    [InlineData("0303" + Random + "00" + "C0", TlsParseError.Truncated)]
    [InlineData("0303" + Random + "21" + "000000000000000000000000000000000000000000000000000000000000000000" + "C02F00", TlsParseError.BadVectorLength)]
    [InlineData(ServerHelloPrefix + "00", TlsParseError.Truncated)]
    [InlineData(ServerHelloPrefix + "0000" + "00", TlsParseError.TrailingData)]
    [InlineData(ServerHelloPrefix + "0003" + "FF0100", TlsParseError.Truncated)]
    [InlineData(ServerHelloPrefix + "000A" + "FF01000100" + "FF01000100", TlsParseError.DuplicateExtension)]
    [InlineData(ServerHelloPrefix + "0005" + "002B000103", TlsParseError.BadVectorLength)]
    [InlineData(ServerHelloPrefix + "0008" + "002B0004" + "03040000", TlsParseError.BadVectorLength)]
    [InlineData(ServerHelloPrefix + "0006" + "00330002" + "001D", TlsParseError.BadVectorLength)]
    public void ServerHello_Malformed_ReturnsInvalidWithReason(string bodyHex, TlsParseError expected)
    {
        // Given / When
        var status = ReadServerHello(bodyHex, out var hello, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(expected, error);
        Assert.Null(hello);
    }

    [Fact]
    public void ServerHello_MoreExtensionsThanLimit_ReturnsInvalid()
    {
        // Given
        var message = new TlsHandshakeMessage(TlsHandshakeType.ServerHello, Convert.FromHexString(ServerHelloPrefix + "0009" + "FF01000100" + "00170000"));
        var limits = ParserLimits.Default with { MaxExtensions = 1 };

        // When
        var status = ServerHelloReader.TryRead(message, limits, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.TooManyExtensions, error);
    }

    [Fact]
    public void ServerHello_WrongMessageType_ReturnsInvalid()
    {
        // Given
        var message = new TlsHandshakeMessage(TlsHandshakeType.ClientHello, Convert.FromHexString(ServerHelloPrefix));

        // When
        var status = ServerHelloReader.TryRead(message, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedHandshakeType, error);
    }

    [Theory]
    [InlineData("", ParseStatus.NeedMoreData)]
    [InlineData("02", ParseStatus.NeedMoreData)]
    [InlineData("0228", ParseStatus.Done)]
    [InlineData("0128", ParseStatus.Done)]
    [InlineData("0028", ParseStatus.Invalid)]
    [InlineData("0328", ParseStatus.Invalid)]
    public void Alert_TryRead_ChecksLevel(string hex, ParseStatus expected)
    {
        // Given / When
        var status = TlsAlert.TryRead(Convert.FromHexString(hex), out _, out _, out _);

        // Then
        Assert.Equal(expected, status);
    }

    [Fact]
    public void Alert_UnknownDescription_KeptAsNumber()
    {
        // Given / When
        TlsAlert.TryRead([0x02, 0xC8], out var alert, out var consumed, out _);

        // Then
        Assert.Equal((TlsAlertDescription)200, alert.Description);
        Assert.Equal(2, consumed);
    }

    private static ParseStatus ReadCertificates(string bodyHex, ParserLimits limits, out int count, out TlsParseError error)
    {
        var status = CertificateMessageReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.Certificate, Convert.FromHexString(bodyHex)), limits, out var certificates, out _, out error);
        count = certificates.Length;
        return status;
    }

    [Fact]
    public void Certificate_TwoBlobs_ReturnsBothInOrder()
    {
        // Given / When
        var status = CertificateMessageReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.Certificate, Convert.FromHexString("00000A" + "000002AAAA" + "000002BBBB")), ParserLimits.Default, out var certificates, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(new byte[] { 0xAA, 0xAA }, certificates[0].ToArray());
        Assert.Equal(new byte[] { 0xBB, 0xBB }, certificates[1].ToArray());
    }

    [Fact]
    public void Certificate_EmptyList_ReturnsNoCertificates()
    {
        // Given / When
        var status = ReadCertificates("000000", ParserLimits.Default, out var count, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(0, count);
    }

    [Theory]
    [InlineData("0000", TlsParseError.Truncated)]
    [InlineData("000005" + "000002AAAA" + "00", TlsParseError.TrailingData)]
    [InlineData("000004" + "000002AA", TlsParseError.Truncated)]
    [InlineData("000003" + "000000", TlsParseError.EmptyCertificate)]
    public void Certificate_Malformed_ReturnsInvalid(string bodyHex, TlsParseError expected)
    {
        // Given / When
        var status = ReadCertificates(bodyHex, ParserLimits.Default, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Certificate_MoreThanMaxCertificates_ReturnsInvalid()
    {
        // Given
        var limits = ParserLimits.Default with { MaxCertificates = 1 };

        // When
        var status = ReadCertificates("00000A" + "000002AAAA" + "000002BBBB", limits, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.TooManyCertificates, error);
    }

    [Fact]
    public void Certificate_ListLongerThanByteLimit_ReturnsInvalidBeforeReading()
    {
        // Given
        var limits = ParserLimits.Default with { MaxCertificates = 1, MaxCertificateChainBytes = 1 };

        // When
        var status = ReadCertificates("00000A" + "000002AAAA" + "000002BBBB", limits, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.CertificateChainTooLarge, error);
    }

    [Fact]
    public void Certificate_WrongType_ReturnsInvalid()
    {
        // Given
        var message = new TlsHandshakeMessage(TlsHandshakeType.ServerKeyExchange, Convert.FromHexString("000000"));

        // When
        var status = CertificateMessageReader.TryRead(message, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedHandshakeType, error);
    }

    private static ParseStatus ReadKeyExchange(string bodyHex, KeyExchangeAlgorithm kx, bool anonymous, TlsProtocolVersion version, out ServerKeyExchangeInfo? info, out TlsParseError error) =>
        ServerKeyExchangeReader.TryRead(new TlsHandshakeMessage(TlsHandshakeType.ServerKeyExchange, Convert.FromHexString(bodyHex)), kx, anonymous, version, out info, out _, out error);

    [Fact]
    public void ServerKeyExchange_AnonymousDheTls10_HasNoSignature()
    {
        // Given: p = 0x00FF (leading zero byte does not count: 8 bits), g = 2, Ys = 1 byte
        var body = "0002" + "00FF" + "0001" + "02" + "0001" + "05";

        // When
        var status = ReadKeyExchange(body, KeyExchangeAlgorithm.Dhe, anonymous: true, TlsProtocolVersion.Tls10, out var info, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(8, info!.PrimeBits);
        Assert.Equal(0, info.SignatureLength);
        Assert.Null(info.SignatureScheme);
    }

    [Fact]
    public void ServerKeyExchange_EcdheTls11_SignatureWithoutAlgorithm()
    {
        // Given: named_curve secp256r1, 1-byte point, 2-byte signature
        var body = "03" + "0017" + "01" + "04" + "0002" + "ABCD";

        // When
        var status = ReadKeyExchange(body, KeyExchangeAlgorithm.Ecdhe, anonymous: false, TlsProtocolVersion.Tls11, out var info, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(TlsNamedGroup.Secp256r1, info!.NamedGroup);
        Assert.Equal(2, info.SignatureLength);
        Assert.Null(info.SignatureScheme);
    }

    [Fact]
    public void ServerKeyExchange_ExportRsa_ReportsModulusBits()
    {
        // Given: 512-bit modulus (64 bytes, top bit set), exponent 65537, TLS 1.0 signature
        var body = "0040" + "80" + new string('0', 126) + "0003" + "010001" + "0001" + "00";

        // When
        var status = ReadKeyExchange(body, KeyExchangeAlgorithm.Rsa, anonymous: false, TlsProtocolVersion.Tls10, out var info, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(512, info!.PrimeBits);
    }

    [Theory]
    [InlineData("0002" + "00FF" + "0001", KeyExchangeAlgorithm.Dhe, true, TlsParseError.Truncated)]
    [InlineData("0000" + "0001" + "02" + "0001" + "05", KeyExchangeAlgorithm.Dhe, true, TlsParseError.BadVectorLength)]
    [InlineData("0001" + "FF" + "0001" + "02" + "0001" + "05" + "00", KeyExchangeAlgorithm.Dhe, true, TlsParseError.TrailingData)]
    [InlineData("", KeyExchangeAlgorithm.Ecdhe, false, TlsParseError.Truncated)]
    [InlineData("01" + "0017", KeyExchangeAlgorithm.Ecdhe, false, TlsParseError.UnsupportedKeyExchange)]
    [InlineData("03" + "00", KeyExchangeAlgorithm.Ecdhe, false, TlsParseError.Truncated)]
    [InlineData("03" + "0017" + "00" + "0401" + "0000", KeyExchangeAlgorithm.Ecdhe, false, TlsParseError.BadVectorLength)]
    [InlineData("03" + "0017" + "0104", KeyExchangeAlgorithm.Ecdhe, false, TlsParseError.Truncated)]
    [InlineData("03" + "0017" + "0104" + "0401", KeyExchangeAlgorithm.Ecdhe, false, TlsParseError.Truncated)]
    [InlineData("0001" + "FF", KeyExchangeAlgorithm.Rsa, false, TlsParseError.Truncated)]
    [InlineData("0000" + "0001" + "03", KeyExchangeAlgorithm.Rsa, false, TlsParseError.BadVectorLength)]
    [InlineData("00", KeyExchangeAlgorithm.Psk, false, TlsParseError.UnsupportedKeyExchange)]
    public void ServerKeyExchange_Malformed_ReturnsInvalid(string bodyHex, KeyExchangeAlgorithm kx, bool anonymous, TlsParseError expected)
    {
        // Given / When
        var status = ReadKeyExchange(bodyHex, kx, anonymous, TlsProtocolVersion.Tls12, out var info, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(expected, error);
        Assert.Null(info);
    }

    [Fact]
    public void ServerKeyExchange_WrongType_ReturnsInvalid()
    {
        // Given
        var message = new TlsHandshakeMessage(TlsHandshakeType.Certificate, []);

        // When
        var status = ServerKeyExchangeReader.TryRead(message, KeyExchangeAlgorithm.Ecdhe, false, TlsProtocolVersion.Tls12, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedHandshakeType, error);
    }

    [Theory]
    [InlineData(TlsHandshakeType.ServerHelloDone, "", ParseStatus.Done, TlsParseError.None)]
    [InlineData(TlsHandshakeType.ServerHelloDone, "00", ParseStatus.Invalid, TlsParseError.BadValue)]
    [InlineData(TlsHandshakeType.Finished, "", ParseStatus.Invalid, TlsParseError.UnexpectedHandshakeType)]
    public void ServerHelloDone_Body_MustBeEmpty(TlsHandshakeType type, string bodyHex, ParseStatus expected, TlsParseError expectedError)
    {
        // Given
        var message = new TlsHandshakeMessage(type, Convert.FromHexString(bodyHex));

        // When
        var status = ServerKeyExchangeReader.TryReadServerHelloDone(message, out var error);

        // Then
        Assert.Equal(expected, status);
        Assert.Equal(expectedError, error);
    }
}
