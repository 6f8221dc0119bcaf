using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

/// <summary>
/// What a hostile server can send after a ClientHello, against the limits of <see cref="ParserLimits"/>:
/// each case must end in a verdict as soon as the bytes that decide it arrive, not after buffering
/// whatever the server claims it will send.
/// </summary>
public sealed class ServerFlightLimitTests
{
    /// <summary>The ServerHello record of the golden TLS 1.2 ECDHE flight.</summary>
    private static byte[] ServerHelloRecord()
    {
        var flight = TlsTestData.ReadHex("ServerFlights/tls12-ecdhe-rsa.hex");
        Assert.Equal(ParseStatus.Done, TlsRecord.TryRead(flight, ParserLimits.Default, out var record, out var used, out _));
        Assert.Equal(TlsHandshakeType.ServerHello, (TlsHandshakeType)record.Fragment[0]);
        Assert.Equal(4 + ((record.Fragment[2] << 8) | record.Fragment[3]), record.Fragment.Length);
        return flight[..used];
    }

    private static byte[] Record(TlsContentType type, ReadOnlySpan<byte> fragment) =>
        [(byte)type, 0x03, 0x03, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];

    private static byte[] CertificateMessage(int count, int derLength)
    {
        var der = new byte[derLength];
        der[0] = 0x30;
        var list = Enumerable.Range(0, count).SelectMany(_ => (byte[])[(byte)(derLength >> 16), (byte)(derLength >> 8), (byte)derLength, .. der]).ToArray();
        byte[] body = [(byte)(list.Length >> 16), (byte)(list.Length >> 8), (byte)list.Length, .. list];
        return [(byte)TlsHandshakeType.Certificate, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];
    }

    private static byte[] InRecords(byte[] handshake, int recordLength) =>
        handshake.Chunk(recordLength).SelectMany(c => Record(TlsContentType.Handshake, c)).ToArray();

    [Fact]
    public void TryRead_CertificateClaiming16MiB_InvalidOnceItsHeaderArrives()
    {
        // Given: a ServerHello, then a Certificate message header announcing 2^24-1 bytes and nothing more
        byte[] bytes = [.. ServerHelloRecord(), .. Record(TlsContentType.Handshake, [(byte)TlsHandshakeType.Certificate, 0xFF, 0xFF, 0xFF])];

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out var offset, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.HandshakeMessageTooLong, error);
        Assert.Equal(ServerHelloRecord().Length, offset);
    }

    [Fact]
    public void TryRead_FiveHundredCertificateChain_ReturnsTooManyCertificates()
    {
        // Given: 500 small "certificates", well inside the message size limit
        var certificate = CertificateMessage(500, 100);
        byte[] bytes = [.. ServerHelloRecord(), .. InRecords(certificate, 1 << 14)];

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.TooManyCertificates, error);
    }

    [Fact]
    public void TryRead_FiveHundredRealSizedCertificates_StopsAtTheMessageLimit()
    {
        // Given: 500 certificates of 1200 bytes (600 KB), more than one handshake message may hold
        var certificate = CertificateMessage(500, 1200);
        byte[] bytes = [.. ServerHelloRecord(), .. InRecords(certificate, 1 << 14)];

        // When: only the first of its 37 records has arrived
        var status = ServerFlightReader.TryRead(bytes.AsSpan(0, ServerHelloRecord().Length + TlsRecord.HeaderLength + (1 << 14)), ParserLimits.Default, out _, out _, out var error);

        // Then: the announced length alone decides it
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.HandshakeMessageTooLong, error);
    }

    [Fact]
    public void TryRead_CertificateInOneByteRecords_IsReassembled()
    {
        // Given: a drip-feeding server that puts every handshake byte in its own record
        var done = (byte[])[(byte)TlsHandshakeType.ServerHelloDone, 0, 0, 0];
        byte[] bytes = [.. ServerHelloRecord(), .. InRecords([.. CertificateMessage(2, 40), .. done], 1)];

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out var flight, out var consumed, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(2, flight!.Certificates.Length);
        Assert.True(flight.ServerHelloDone);
    }

    [Theory]
    [InlineData(TlsContentType.ChangeCipherSpec)]
    [InlineData(TlsContentType.ApplicationData)]
    public void TryRead_FloodOfNonHandshakeRecordsAfterServerHello_ReturnsInvalid(TlsContentType type)
    {
        // Given: after a TLS 1.2 ServerHello, an endless run of empty records instead of the Certificate
        var flood = Enumerable.Range(0, 1000).SelectMany(_ => Record(type, [])).ToArray();
        byte[] bytes = [.. ServerHelloRecord(), .. flood];

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out var offset, out var error);

        // Then: stopped long before the end, not "need more data" for ever
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedRecord, error);
        Assert.InRange(offset, ServerHelloRecord().Length, ServerHelloRecord().Length + (TlsRecord.HeaderLength * 16));
    }

    [Fact]
    public void TryRead_RecordOverLimitAfterServerHello_InvalidAtItsLength()
    {
        // Given: a record header announcing 65535 bytes
        byte[] bytes = [.. ServerHelloRecord(), 0x16, 0x03, 0x03, 0xFF, 0xFF];

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out var offset, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.RecordTooLong, error);
        Assert.Equal(ServerHelloRecord().Length + 3, offset);
    }

    [Fact]
    public void TryRead_SecondServerHello_ReturnsInvalid()
    {
        // Given
        byte[] bytes = [.. ServerHelloRecord(), .. ServerHelloRecord()];

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out var offset, out _);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(ServerHelloRecord().Length, offset);
    }

    [Fact]
    public void TryRead_ServerHelloDoneWithBody_ReturnsBadValue()
    {
        // Given
        byte[] bytes = [.. ServerHelloRecord(), .. Record(TlsContentType.Handshake, [(byte)TlsHandshakeType.ServerHelloDone, 0, 0, 1, 0])];

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.BadValue, error);
    }

    [Fact]
    public void TryRead_ChainOverByteLimit_ReturnsChainTooLarge()
    {
        // Given: three certificates of 50 KB (limit 128 KB of DER in all)
        var certificate = CertificateMessage(3, 50_000);
        byte[] bytes = [.. ServerHelloRecord(), .. InRecords(certificate, 1 << 14)];

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.CertificateChainTooLarge, error);
    }

    [Fact]
    public void TryRead_OneByteAlertRecord_ReturnsBadAlert()
    {
        // Given: found by the fuzz target; an alert record whose fragment is only the level byte
        var bytes = Convert.FromHexString("15037F00010228");

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out var offset, out var error);

        // Then: invalid with a reason (it used to be Invalid with error None)
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.BadAlert, error);
        Assert.Equal(0, offset);
    }
}
