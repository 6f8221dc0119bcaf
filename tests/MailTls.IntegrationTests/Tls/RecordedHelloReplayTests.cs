using MailTls.Core;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.IntegrationTests.Tls;

public sealed class RecordedHelloReplayTests
{
    private static async Task<(ClientHelloInfo Offer, ServerFlightInfo Answer)> ReplayAsync(TlsTestServer server, string recordedHex)
    {
        var hello = Convert.FromHexString(recordedHex);
        Assert.Equal(ParseStatus.Done, ClientHelloReader.TryReadRecords(hello, ParserLimits.Default, out var offer, out _, out _));
        var received = await server.ExchangeAsync(
            hello,
            bytes => ServerFlightReader.TryRead(bytes, ParserLimits.Default, out _, out _, out _) != ParseStatus.NeedMoreData,
            CancellationToken.None);
        var status = ServerFlightReader.TryRead(received, ParserLimits.Default, out var flight, out var offset, out var error);
        Assert.True(status == ParseStatus.Done, $"{status} {error} at {offset}");
        return (offer!, flight!);
    }

    [Fact]
    public async Task PostfixHello_Tls12OnlyServer_NegotiatesAuthenticatedSuiteItOffered()
    {
        // Given: Postfix offers anonymous suites early, OpenSSL's default server list excludes them
        using var server = await TlsTestServer.StartAsync("-tls1_2");

        // When
        var (offer, answer) = await ReplayAsync(server, RecordedClientHellos.Postfix37Debian12);

        // Then
        Assert.Equal(TlsProtocolVersion.Tls12, answer.ServerHello!.Version);
        Assert.Contains(answer.ServerHello.CipherSuite, offer.CipherSuites);
        Assert.False(answer.ServerHello.Suite.IsAnonymous);
        Assert.True(answer.ServerHello.Suite.HasForwardSecrecy);
        Assert.Equal(TlsNamedGroup.X25519, answer.ServerKeyExchange!.NamedGroup);
    }

    [Fact]
    public async Task PostfixHello_Tls13Server_NegotiatesPostfixsFirstTls13Suite()
    {
        // Given
        using var server = await TlsTestServer.StartAsync("-tls1_3");

        // When
        var (offer, answer) = await ReplayAsync(server, RecordedClientHellos.Postfix37Debian12);

        // Then: s_server follows the client's order unless -serverpref
        Assert.Equal(TlsProtocolVersion.Tls13, answer.ServerHello!.Version);
        Assert.Equal(offer.CipherSuites[0], answer.ServerHello.CipherSuite);
    }

    [Fact]
    public async Task OpenSslTls1Hello_Tls12OnlyServer_CannotNegotiate()
    {
        // Given
        using var server = await TlsTestServer.StartAsync("-tls1_2");

        // When
        var (_, answer) = await ReplayAsync(server, RecordedClientHellos.OpenSslClientTls1);

        // Then
        Assert.Null(answer.ServerHello);
        Assert.Equal(TlsAlertDescription.ProtocolVersion, answer.Alert!.Value.Description);
    }

    [Fact]
    public async Task EximHelloRewritten_P256OnlyTls13Server_AcceptsFreshP256KeyShare()
    {
        // Given: the recorded hello with a new random and new key shares of the same groups
        using var server = await TlsTestServer.StartAsync("-tls1_3", "-groups", "P-256");
        var rewritten = ClientHelloRewriter.Rewrite(Convert.FromHexString(RecordedClientHellos.EximGnutlsDebian12), serverName: null, ParserLimits.Default)!;

        // When
        var (_, answer) = await ReplayAsync(server, Convert.ToHexString(rewritten));

        // Then: a real ServerHello, not a HelloRetryRequest, so the P-256 share was usable
        Assert.Equal(TlsProtocolVersion.Tls13, answer.ServerHello!.Version);
        Assert.False(answer.ServerHello.IsHelloRetryRequest);
        Assert.Equal(TlsNamedGroup.Secp256r1, answer.ServerHello.KeyShareGroup);
    }
}
