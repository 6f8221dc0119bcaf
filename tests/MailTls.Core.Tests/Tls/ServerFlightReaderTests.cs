using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class ServerFlightReaderTests
{
    public static TheoryData<string> Flights() =>
        new("tls12-ecdhe-rsa.hex", "tls12-dhe-rsa.hex", "tls12-no-shared-cipher.hex", "tls13.hex", "tls13-hrr.hex");

    private static ServerFlightInfo Read(string name, out int consumed)
    {
        var bytes = TlsTestData.ReadHex("ServerFlights/" + name);
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out var flight, out consumed, out var error);
        Assert.True(status == ParseStatus.Done, $"{status} {error} at {consumed}");
        return flight!;
    }

    [Fact]
    public void TryRead_Tls12EcdheRsaFromOpenSsl_ReadsWholeFlight()
    {
        // Given / When
        var flight = Read("tls12-ecdhe-rsa.hex", out var consumed);

        // Then
        Assert.Equal(TlsProtocolVersion.Tls12, flight.ServerHello!.Version);
        Assert.Equal(0xC02F, flight.ServerHello.CipherSuite);
        Assert.Equal("ECDHE-RSA-AES128-GCM-SHA256", flight.ServerHello.Suite.OpenSslName);
        Assert.True(flight.ServerHello.SupportsSecureRenegotiation);
        Assert.True(flight.ServerHello.HasExtension(TlsExtensionType.ExtendedMasterSecret));
        Assert.Equal(TlsDowngradeSentinel.None, flight.ServerHello.DowngradeSentinel); // -tls1_2 disables TLS 1.3, so no marker
        var certificate = Assert.Single(flight.Certificates);
        Assert.Equal(TlsTestData.ReadHex("ServerFlights/golden-cert.der.hex"), certificate.ToArray());
        Assert.Equal(KeyExchangeAlgorithm.Ecdhe, flight.ServerKeyExchange!.KeyExchange);
        Assert.Equal(TlsNamedGroup.X25519, flight.ServerKeyExchange.NamedGroup);
        Assert.Equal(32, flight.ServerKeyExchange.PublicKeyLength);
        Assert.Equal(256, flight.ServerKeyExchange.SignatureLength);
        Assert.NotNull(flight.ServerKeyExchange.SignatureScheme);
        Assert.True(flight.ServerHelloDone);
        Assert.Null(flight.Alert);
        Assert.Equal(TlsTestData.ReadHex("ServerFlights/tls12-ecdhe-rsa.hex").Length, consumed);
    }

    [Fact]
    public void TryRead_Tls12DheRsa_ReportsDhGroupSize()
    {
        // Given / When
        var flight = Read("tls12-dhe-rsa.hex", out _);

        // Then: OpenSSL 3's automatic DH parameters match the 2048-bit RSA key
        Assert.Equal(0x009E, flight.ServerHello!.CipherSuite);
        Assert.Equal(KeyExchangeAlgorithm.Dhe, flight.ServerKeyExchange!.KeyExchange);
        Assert.Equal(2048, flight.ServerKeyExchange.PrimeBits);
        Assert.Null(flight.ServerKeyExchange.NamedGroup);
    }

    [Fact]
    public void TryRead_NoSharedCipher_ReturnsHandshakeFailureAlert()
    {
        // Given / When
        var flight = Read("tls12-no-shared-cipher.hex", out _);

        // Then
        Assert.Null(flight.ServerHello);
        Assert.Equal(new TlsAlert(TlsAlertLevel.Fatal, TlsAlertDescription.HandshakeFailure), flight.Alert);
        Assert.True(flight.Alert!.Value.IsFatal);
    }

    [Fact]
    public void TryRead_Tls13_StopsAfterServerHelloWithRealVersion()
    {
        // Given / When
        var flight = Read("tls13.hex", out var consumed);

        // Then
        Assert.Equal(0x0303, flight.ServerHello!.LegacyVersion);
        Assert.Equal(TlsProtocolVersion.Tls13, flight.ServerHello.Version);
        Assert.True(flight.ServerHello.Suite.IsTls13);
        Assert.Equal(TlsNamedGroup.X25519, flight.ServerHello.KeyShareGroup);
        Assert.False(flight.ServerHello.IsHelloRetryRequest);
        Assert.Empty(flight.Certificates);
        Assert.True(consumed < TlsTestData.ReadHex("ServerFlights/tls13.hex").Length);
    }

    [Fact]
    public void TryRead_HelloRetryRequest_IsDetectedWithRequestedGroup()
    {
        // Given / When
        var flight = Read("tls13-hrr.hex", out _);

        // Then
        Assert.True(flight.ServerHello!.IsHelloRetryRequest);
        Assert.Equal(TlsProtocolVersion.Tls13, flight.ServerHello.Version);
        Assert.Equal(TlsNamedGroup.Secp384r1, flight.ServerHello.KeyShareGroup);
    }

    [Theory]
    [MemberData(nameof(Flights))]
    public void TryRead_TruncatedAnywhere_ReturnsNeedMoreData(string name)
    {
        // Given
        var bytes = TlsTestData.ReadHex("ServerFlights/" + name);
        Read(name, out var complete);
        for (var length = 0; length < complete; length++)
        {
            // When
            var status = ServerFlightReader.TryRead(bytes.AsSpan(0, length), ParserLimits.Default, out _, out _, out _);

            // Then
            Assert.Equal(ParseStatus.NeedMoreData, status);
        }
    }

    [Fact]
    public void TryRead_PlaintextSmtpReply_ReturnsInvalidAtOnce()
    {
        // Given: the server ignored STARTTLS and kept talking SMTP
        var bytes = "220 mx.example.net ESMTP\r\n"u8.ToArray();

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out var offset, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnknownContentType, error);
        Assert.Equal(0, offset);
    }

    [Fact]
    public void TryRead_CertificateBeforeServerHello_ReturnsInvalid()
    {
        // Given
        var bytes = Convert.FromHexString("16030300070b000003000000");

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedHandshakeType, error);
    }

    [Fact]
    public void TryRead_ApplicationDataBeforeServerHello_ReturnsInvalid()
    {
        // Given
        var bytes = Convert.FromHexString("170303000100");

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.UnexpectedHandshakeType, error);
    }

    [Fact]
    public void TryRead_BadAlertLevel_ReturnsInvalid()
    {
        // Given
        var bytes = Convert.FromHexString("15030300020928");

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.BadAlert, error);
    }

    [Fact]
    public void TryRead_TooManyCertificatesInGoldenFlight_ReturnsInvalid()
    {
        // Given
        var bytes = TlsTestData.ReadHex("ServerFlights/tls12-ecdhe-rsa.hex");
        var limits = ParserLimits.Default with { MaxCertificateChainBytes = 100 };

        // When
        var status = ServerFlightReader.TryRead(bytes, limits, out _, out _, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.CertificateChainTooLarge, error);
    }

    [Fact]
    public void TryRead_WarningAlertBeforeServerHello_IsKeptAndReadingContinues()
    {
        // Given: unrecognized_name warning, then the golden TLS 1.2 flight
        var bytes = Convert.FromHexString("15030300020170").Concat(TlsTestData.ReadHex("ServerFlights/tls12-ecdhe-rsa.hex")).ToArray();

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out var flight, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal([new TlsAlert(TlsAlertLevel.Warning, TlsAlertDescription.UnrecognizedName)], flight!.WarningAlerts.ToArray());
        Assert.Null(flight.Alert);
        Assert.True(flight.ServerHelloDone);
    }

    [Fact]
    public void TryRead_WarningCloseNotify_EndsTheFlight()
    {
        // Given
        var bytes = Convert.FromHexString("15030300020100");

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out var flight, out _, out _);

        // Then
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(TlsAlertDescription.CloseNotify, flight!.Alert!.Value.Description);
    }

    [Fact]
    public void TryRead_AlertFlood_ReturnsInvalid()
    {
        // Given: nine warning alerts
        var bytes = Convert.FromHexString(string.Concat(Enumerable.Repeat("15030300020170", 9)));

        // When
        var status = ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out var offset, out var error);

        // Then
        Assert.Equal(ParseStatus.Invalid, status);
        Assert.Equal(TlsParseError.BadAlert, error);
        Assert.Equal(8 * 7, offset);
    }
}
