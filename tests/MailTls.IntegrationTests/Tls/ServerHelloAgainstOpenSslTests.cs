using MailTls.Core;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.IntegrationTests.Tls;

public sealed class ServerHelloAgainstOpenSslTests
{
    private static bool FlightComplete(byte[] received) =>
        ServerFlightReader.TryRead(received, ParserLimits.Default, out _, out _, out _) != ParseStatus.NeedMoreData;

    private static async Task<ServerFlightInfo> ProbeAsync(TlsTestServer server, ClientHelloOptions options)
    {
        var received = await server.ExchangeAsync(ClientHelloBuilder.BuildRecord(options), FlightComplete, CancellationToken.None);
        var status = ServerFlightReader.TryRead(received, ParserLimits.Default, out var flight, out var offset, out var error);
        Assert.True(status == ParseStatus.Done, $"{status} {error} at {offset} after {received.Length} bytes");
        return flight!;
    }

    [Fact]
    public async Task Tls12Hello_ServerRestrictedToEcdheRsaAes128Gcm_ChoosesItAndServesItsCertificate()
    {
        // Given
        using var server = await TlsTestServer.StartAsync("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC030, 0xC02F, 0x009C, 0x002F]);

        // When
        var flight = await ProbeAsync(server, options);

        // Then
        Assert.Equal(TlsProtocolVersion.Tls12, flight.ServerHello!.Version);
        Assert.Equal(0xC02F, flight.ServerHello.CipherSuite);
        Assert.Equal("ECDHE-RSA-AES128-GCM-SHA256", flight.ServerHello.Suite.OpenSslName);
        var certificate = Assert.Single(flight.Certificates);
        Assert.Equal(server.Certificate.RawData, certificate.ToArray());
        Assert.Equal(KeyExchangeAlgorithm.Ecdhe, flight.ServerKeyExchange!.KeyExchange);
        Assert.Equal(TlsNamedGroup.X25519, flight.ServerKeyExchange.NamedGroup);
        Assert.True(flight.ServerHelloDone);
    }

    [Fact]
    public async Task Tls13Hello_ServerWithOneSuite_ChoosesTls13AndThatSuite()
    {
        // Given
        using var server = await TlsTestServer.StartAsync("-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384");
        var options = new ClientHelloOptions
        {
            MaxVersion = TlsProtocolVersion.Tls13,
            MinVersion = TlsProtocolVersion.Tls13,
            CipherSuites = [0x1301, 0x1302, 0x1303],
        };

        // When
        var flight = await ProbeAsync(server, options);

        // Then: the X25519 key share is random bytes, enough for the server to answer
        Assert.Equal(TlsProtocolVersion.Tls13, flight.ServerHello!.Version);
        Assert.False(flight.ServerHello.IsHelloRetryRequest);
        Assert.Equal(0x1302, flight.ServerHello.CipherSuite);
        Assert.Equal(TlsNamedGroup.X25519, flight.ServerHello.KeyShareGroup);
    }

    [Fact]
    public async Task Tls13Hello_KeyShareForGroupServerLacks_GetsHelloRetryRequest()
    {
        // Given
        using var server = await TlsTestServer.StartAsync("-tls1_3", "-groups", "P-384");
        var options = new ClientHelloOptions
        {
            MaxVersion = TlsProtocolVersion.Tls13,
            MinVersion = TlsProtocolVersion.Tls13,
            CipherSuites = [0x1301],
            SupportedGroups = [TlsNamedGroup.X25519, TlsNamedGroup.Secp384r1],
            KeyShareGroups = [TlsNamedGroup.X25519],
        };

        // When
        var flight = await ProbeAsync(server, options);

        // Then
        Assert.True(flight.ServerHello!.IsHelloRetryRequest);
        Assert.Equal(TlsNamedGroup.Secp384r1, flight.ServerHello.KeyShareGroup);
    }

    [Fact]
    public async Task Tls12Hello_OnlySuitesServerLacks_GetsHandshakeFailureAlert()
    {
        // Given
        using var server = await TlsTestServer.StartAsync("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0x002F, 0x0035]);

        // When
        var flight = await ProbeAsync(server, options);

        // Then
        Assert.Null(flight.ServerHello);
        Assert.Equal(TlsAlertLevel.Fatal, flight.Alert!.Value.Level);
        Assert.Equal(TlsAlertDescription.HandshakeFailure, flight.Alert.Value.Description);
        Assert.Equal(40, (int)flight.Alert.Value.Description);
    }

    [Fact]
    public async Task Tls10Hello_ServerAtSecurityLevelZero_NegotiatesTls10()
    {
        // Given: TLS 1.0 that OpenSSL 3's client refuses by default, offered by our own hello
        using var server = await TlsTestServer.StartAsync("-tls1", "-cipher", "AES128-SHA:@SECLEVEL=0");
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls10, [0x002F]);

        // When
        var flight = await ProbeAsync(server, options);

        // Then
        Assert.Equal(TlsProtocolVersion.Tls10, flight.ServerHello!.Version);
        Assert.Equal(0x002F, flight.ServerHello.CipherSuite);
        Assert.Null(flight.ServerKeyExchange);
        Assert.True(flight.ServerHelloDone);
    }

    [Fact]
    public async Task Tls12Hello_ServerOnlyTls13_GetsProtocolVersionAlert()
    {
        // Given
        using var server = await TlsTestServer.StartAsync("-tls1_3");
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F]);

        // When
        var flight = await ProbeAsync(server, options);

        // Then
        Assert.Equal(TlsAlertDescription.ProtocolVersion, flight.Alert!.Value.Description);
    }

    [Fact]
    public async Task Tls12Hello_EveryRegistrySuiteIncludingExport_ServerStillPicksOneItSupports()
    {
        // Given: 350 suites, many of them unknown to OpenSSL 3, in registry order
        using var server = await TlsTestServer.StartAsync("-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384");
        var all = CipherSuiteRegistry.All.Where(s => s.Strength != CipherStrength.Signalling && !s.IsTls13).Select(s => s.Code).ToList();
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, all);

        // When
        var flight = await ProbeAsync(server, options);

        // Then
        Assert.Equal(0xC030, flight.ServerHello!.CipherSuite);
    }

    [Fact]
    public async Task Tls12Hello_DheSuite_ReportsServerDhGroupSize()
    {
        // Given: OpenSSL 3 picks automatic DH parameters matching the 2048-bit RSA key
        using var server = await TlsTestServer.StartAsync("-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256");
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0x009E]);

        // When
        var flight = await ProbeAsync(server, options);

        // Then
        Assert.Equal(KeyExchangeAlgorithm.Dhe, flight.ServerKeyExchange!.KeyExchange);
        Assert.Equal(2048, flight.ServerKeyExchange.PrimeBits);
    }

    [Fact]
    public async Task Tls12Hello_FallbackScsvToTls13Server_GetsInappropriateFallback()
    {
        // Given: a TLS 1.2 retry that says it fell back, to a server that speaks TLS 1.3 (RFC 7507)
        using var server = await TlsTestServer.StartAsync();
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F]) with { FallbackScsv = true };

        // When
        var flight = await ProbeAsync(server, options);

        // Then
        Assert.Equal(TlsAlertDescription.InappropriateFallback, flight.Alert!.Value.Description);
    }
}
