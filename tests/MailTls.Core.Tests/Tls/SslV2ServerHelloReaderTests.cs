using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

public sealed class SslV2ServerHelloReaderTests
{
    // SERVER-HELLO: no session hit, X.509, version 0002, 2-byte certificate, two cipher kinds, 16-byte connection id.
    private const string Body = "04" + "00" + "01" + "0002" + "0002" + "0006" + "0010" + "3082" + "010080" + "0700C0" + "00112233445566778899AABBCCDDEEFF";

    private static byte[] Record(string bodyHex)
    {
        var body = Convert.FromHexString(bodyHex);
        return [(byte)(0x80 | (body.Length >> 8)), (byte)body.Length, .. body];
    }

    [Fact]
    public void TryRead_ServerHello_ReadsVersionCertificateAndKinds()
    {
        // Given
        var record = Record(Body);

        // When
        var status = SslV2ServerHelloReader.TryRead(record, ParserLimits.Default, out var hello, out var consumed, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(record.Length, consumed);
        Assert.Equal(0x0002, hello!.ServerVersion);
        Assert.False(hello.SessionIdHit);
        Assert.Equal(1, hello.CertificateType);
        Assert.Equal(new byte[] { 0x30, 0x82 }, hello.Certificate.ToArray());
        Assert.Equal([SslV2ClientHelloBuilder.Rc4128WithMd5, SslV2ClientHelloBuilder.Des192Ede3CbcWithMd5], hello.CipherSpecs.ToArray());
    }

    [Fact]
    public void TryRead_TruncatedAnywhere_ReturnsNeedMoreData()
    {
        // Given
        var record = Record(Body);
        for (var length = 0; length < record.Length; length++)
        {
            // When
            var status = SslV2ServerHelloReader.TryRead(record.AsSpan(0, length), ParserLimits.Default, out _, out _, out _);

            // Then
            Assert.Equal(ParseStatus.NeedMoreData, status);
        }
    }

    [Fact]
    public void TryRead_TlsAlertRecord_IsNotSslV2()
    {
        // Given: a TLS server's answer
        var bytes = Convert.FromHexString("15030300020228");

        // When
        var status = SslV2ServerHelloReader.TryRead(bytes, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.NotSslV2, error);
    }

    [Theory]
    [InlineData("", TlsParseError.Truncated)]
    [InlineData("00" + "0001", TlsParseError.UnexpectedHandshakeType)] // SSLv2 ERROR: no-cipher
    [InlineData("04000100020002", TlsParseError.Truncated)]
    [InlineData("04" + "00" + "01" + "0002" + "0000" + "0004" + "0000" + "01008000", TlsParseError.BadVectorLength)]
    [InlineData("04" + "00" + "01" + "0002" + "0004" + "0003" + "0000" + "3082" + "010080", TlsParseError.Truncated)]
    [InlineData("04" + "00" + "01" + "0002" + "0000" + "0003" + "0000" + "010080" + "FF", TlsParseError.TrailingData)]
    public void TryRead_Malformed_ReturnsInvalid(string bodyHex, TlsParseError expected)
    {
        // Given
        var record = Record(bodyHex);

        // When
        var status = SslV2ServerHelloReader.TryRead(record, ParserLimits.Default, out var hello, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(expected, error);
        Assert.Null(hello);
    }

    [Fact]
    public void TryRead_CertificateOverLimit_ReturnsInvalid()
    {
        // Given
        var limits = ParserLimits.Default with { MaxCertificateChainBytes = 1 };

        // When
        var status = SslV2ServerHelloReader.TryRead(Record(Body), limits, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.CertificateChainTooLarge, error);
    }
}
