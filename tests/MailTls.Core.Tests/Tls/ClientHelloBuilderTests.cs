using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class ClientHelloBuilderTests
{
    private static readonly byte[] FixedRandom = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    private static ClientHelloInfo Parse(byte[] record)
    {
        var status = ClientHelloReader.TryReadRecords(record, ParserLimits.Default, out var hello, out var consumed, out var error);
        Assert.True(status == ParseStatus.Done, $"{status} {error} at {consumed}");
        Assert.Equal(record.Length, consumed);
        return hello!;
    }

    [Fact]
    public void BuildRecord_Ssl3WithoutExtensions_MatchesGoldenBytes()
    {
        // Given
        var options = ClientHelloOptions.For(TlsProtocolVersion.Ssl3, [0x000A, 0x0003]) with { Random = FixedRandom };

        // When
        var record = ClientHelloBuilder.BuildRecord(options);

        // Then: record 0x0300, client_version 0x0300, no session id, suites + SCSV, null compression, no extensions
        var expected = "1603000031" + "0100002d" + "0300" + Convert.ToHexString(FixedRandom) + "00" + "0006000a000300ff" + "0100";
        Assert.Equal(expected, Convert.ToHexString(record).ToLowerInvariant(), ignoreCase: true);
    }

    [Fact]
    public void BuildRecord_Tls12_RoundTripsThroughReader()
    {
        // Given
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F, 0x009C]) with { ServerName = "mx.example.net." };

        // When
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then
        Assert.Equal(0x0301, hello.RecordVersion);
        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Equal(new ushort[] { 0xC02F, 0x009C, 0x00FF }, hello.CipherSuites);
        Assert.Equal("mx.example.net", hello.ServerName);
        Assert.Empty(hello.SupportedVersions);
        Assert.Equal(TlsProtocolVersion.Tls12, hello.HighestVersion);
        Assert.True(hello.HasExtension(TlsExtensionType.SignatureAlgorithms));
        Assert.True(hello.HasExtension(TlsExtensionType.ExtendedMasterSecret));
        Assert.True(hello.HasExtension(TlsExtensionType.SessionTicket));
        Assert.Contains(TlsNamedGroup.Secp256r1, hello.SupportedGroups);
        Assert.Equal(new byte[] { 0 }, hello.EcPointFormats);
        Assert.False(hello.HasExtension(TlsExtensionType.KeyShare));
        Assert.False(hello.HasFallbackScsv);
        Assert.True(hello.SignalsSecureRenegotiation);
    }

    [Fact]
    public void BuildRecord_TicketAndSessionId_CarriesBothForResumption()
    {
        // Given: a ticket the server issued and the client's session id (RFC 5077 section 3.4)
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F]) with
        {
            SessionId = new byte[32],
            SessionTicketData = new byte[] { 0xDE, 0xAD, 0xBE, 0xEF, 0x01 },
        };

        // When
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then: the ticket travels in session_ticket, whole
        Assert.Equal(32, hello.SessionIdLength);
        Assert.Equal(5, hello.Extensions.Single(e => e.Type == TlsExtensionType.SessionTicket).Length);
    }

    [Fact]
    public void BuildRecord_Tls10_OmitsSignatureAlgorithms()
    {
        // Given: RFC 5246 7.4.1.4.1, sigalgs is meaningless before TLS 1.2
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls10, [0x002F]);

        // When
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then
        Assert.Equal(0x0301, hello.LegacyVersion);
        Assert.False(hello.HasExtension(TlsExtensionType.SignatureAlgorithms));
        Assert.Equal(TlsProtocolVersion.Tls10, hello.HighestVersion);
    }

    [Fact]
    public void BuildRecord_Tls13_HasSupportedVersionsKeyShareAndSessionId()
    {
        // Given
        var options = new ClientHelloOptions
        {
            MaxVersion = TlsProtocolVersion.Tls13,
            MinVersion = TlsProtocolVersion.Tls12,
            CipherSuites = [0x1301, 0x1302, 0xC02F],
            KeyShareGroups = [TlsNamedGroup.X25519, TlsNamedGroup.Secp256r1],
        };

        // When
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then
        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Equal(new ushort[] { 0x0304, 0x0303 }, hello.SupportedVersions);
        Assert.Equal(TlsProtocolVersion.Tls13, hello.HighestVersion);
        Assert.Equal(32, hello.SessionIdLength);
        Assert.Equal([new TlsKeyShareInfo(TlsNamedGroup.X25519, 32), new TlsKeyShareInfo(TlsNamedGroup.Secp256r1, 65)], hello.KeyShares.ToArray());
        Assert.True(hello.HasExtension(TlsExtensionType.PskKeyExchangeModes));
    }

    [Fact]
    public void BuildRecord_FallbackScsvAndRenegotiationExtension_AreSent()
    {
        // Given
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls11, [0x0035]) with
        {
            FallbackScsv = true,
            Renegotiation = RenegotiationSignal.Extension,
        };

        // When
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then
        Assert.Equal(new ushort[] { 0x0035, 0x5600 }, hello.CipherSuites);
        Assert.True(hello.HasFallbackScsv);
        Assert.Contains(new TlsExtensionInfo(TlsExtensionType.RenegotiationInfo, 1), hello.Extensions);
        Assert.True(hello.SignalsSecureRenegotiation);
    }

    [Fact]
    public void BuildRecord_NoRenegotiationSignal_SignalsNothing()
    {
        // Given
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0x0035]) with { Renegotiation = RenegotiationSignal.None };

        // When
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then
        Assert.False(hello.SignalsSecureRenegotiation);
    }

    [Fact]
    public void BuildHandshakeMessage_PadTo512_MessageIsExactly512Bytes()
    {
        // Given
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F]) with { PadToLength = 512 };

        // When
        var message = ClientHelloBuilder.BuildHandshakeMessage(options);
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then
        Assert.Equal(512, message.Length);
        Assert.Equal(TlsExtensionType.Padding, hello.Extensions[^1].Type);
    }

    [Fact]
    public void BuildHandshakeMessage_AlreadyLongerThanPadTarget_AddsNoPadding()
    {
        // Given
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F]) with { PadToLength = 10 };

        // When
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then
        Assert.False(hello.HasExtension(TlsExtensionType.Padding));
    }

    [Fact]
    public void BuildRecord_OfferDeflate_ListsDeflateBeforeNull()
    {
        // Given
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F]) with { OfferDeflate = true };

        // When
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then
        Assert.Equal(new byte[] { 1, 0 }, hello.CompressionMethods);
    }

    [Fact]
    public void BuildRecord_AllRegistrySuitesIncludingExport_AreOfferedInOrder()
    {
        // Given
        var codes = CipherSuiteRegistry.All.Where(s => s.Strength != CipherStrength.Signalling).Select(s => s.Code).ToList();
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, codes) with { Renegotiation = RenegotiationSignal.None };

        // When
        var hello = Parse(ClientHelloBuilder.BuildRecord(options));

        // Then
        Assert.Equal(codes, hello.CipherSuites);
    }

    [Fact]
    public void BuildRecord_WrongRandomLength_Throws()
    {
        // Given
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F]) with { Random = new byte[31] };

        // When / Then
        Assert.Throws<ArgumentException>(() => ClientHelloBuilder.BuildRecord(options));
    }

    [Theory]
    [InlineData(TlsNamedGroup.Secp256r1, 65)]
    [InlineData(TlsNamedGroup.Secp384r1, 97)]
    [InlineData(TlsNamedGroup.Secp521r1, 133)]
    [InlineData(TlsNamedGroup.X25519, 32)]
    [InlineData(TlsNamedGroup.X448, 56)]
    [InlineData(TlsNamedGroup.Ffdhe2048, 256)]
    public void CreateKeyShare_Group_HasTheGroupsSize(TlsNamedGroup group, int length)
    {
        // Given / When
        var share = ClientHelloBuilder.CreateKeyShare(group);

        // Then
        Assert.Equal(length, share.Length);
    }

    [Fact]
    public void CreateKeyShare_NistCurve_IsUncompressedPoint()
    {
        // Given / When
        var share = ClientHelloBuilder.CreateKeyShare(TlsNamedGroup.Secp256r1);

        // Then
        Assert.Equal(0x04, share[0]);
    }

    [Fact]
    public void BuildRecord_MoreSuitesThanFit_Throws()
    {
        // Given
        var suites = Enumerable.Repeat((ushort)0xC02F, 40000).ToList();
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, suites);

        // When / Then
        Assert.Throws<ArgumentException>(() => ClientHelloBuilder.BuildRecord(options));
    }

    [Fact]
    public void BuildRecord_HelloOver16K_IsFragmentedIntoRecords()
    {
        // Given: 10 000 suites make a 20 KB handshake message
        var suites = Enumerable.Range(0, 10000).Select(i => (ushort)i).ToList();
        var options = ClientHelloOptions.For(TlsProtocolVersion.Tls12, suites);

        // When
        var records = ClientHelloBuilder.BuildRecord(options);
        var firstLength = (records[3] << 8) | records[4];
        var hello = Parse(records);

        // Then
        Assert.Equal(16384, firstLength);
        Assert.Equal(10001, hello.CipherSuites.Length);
    }
}
