using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class ClientProfileReplayTests
{
    public static TheoryData<string> RawHellos() => new(TlsTestData.List("ClientProfiles/raw/"));

    public static TheoryData<string> Profiles()
    {
        var data = new TheoryData<string>();
        foreach (var line in ProfileLines())
        {
            data.Add(line.Split('\t')[0]);
        }

        return data;
    }

    private static IEnumerable<string> ProfileLines() =>
        TlsTestData.ReadText("ClientProfiles/profiles.tsv").Split('\n').Where(l => l.Length > 0 && l[0] != '#');

    private static ClientHelloInfo ParseHex(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var status = ClientHelloReader.TryReadRecords(bytes, ParserLimits.Default, out var hello, out var consumed, out var error);
        Assert.True(status == ParseStatus.Done, $"{status} {error} at offset {consumed}");
        Assert.Equal(bytes.Length, consumed);
        return hello!;
    }

    private static string Hex(IEnumerable<ushort> values) => string.Join(',', values.Select(v => v.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void RawHellos_Fixtures_AreAllPresent()
    {
        // Given / When
        var count = TlsTestData.List("ClientProfiles/raw/").Count();

        // Then: 34 captures in ../shared/reference/client-profiles/raw
        Assert.Equal(34, count);
    }

    [Theory]
    [MemberData(nameof(RawHellos))]
    public void TryReadRecords_EveryCapturedHello_ParsesCompletely(string path)
    {
        // Given
        var hex = TlsTestData.ReadText(path).Trim();

        // When
        var hello = ParseHex(hex);

        // Then
        Assert.NotEmpty(hello.CipherSuites);
        Assert.Equal(TlsContentType.Handshake, (TlsContentType)Convert.FromHexString(hex)[0]);
        Assert.True(hello.HighestVersion >= TlsProtocolVersion.Tls10);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryReadRecords_ProfileHello_AgreesWithIndependentParser(string id)
    {
        // Given: the fields tools/tlsparse.py extracted from the same bytes
        var fields = ProfileLines().Single(l => l.Split('\t')[0] == id).Split('\t');

        // When
        var hello = ParseHex(fields[1]);

        // Then
        Assert.Equal(fields[2], Hex(hello.CipherSuites));
        Assert.Equal(fields[3], Hex(hello.SupportedGroups.Select(g => (ushort)g)));
        Assert.Equal(fields[4], Hex(hello.SignatureAlgorithms.Select(s => (ushort)s)));
        Assert.Equal(fields[5], Hex(hello.SupportedVersions.Where(v => !CipherSuiteRegistry.IsGrease(v))));
        Assert.Equal(fields[6], string.Join(',', hello.Extensions.Select(e => ((int)e.Type).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(fields[7] == "-" ? null : fields[7], hello.ServerName);
    }

    [Fact]
    public void Postfix37Debian_Hello_OffersTls13AndModernSuitesWithoutSni()
    {
        // Given
        var hex = TlsTestData.ReadText("ClientProfiles/raw/postfix_3.7.11_debian12_default.conn1.clienthello.hex").Trim();

        // When
        var hello = ParseHex(hex);

        // Then
        Assert.Equal(0x0301, hello.RecordVersion);
        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Equal([TlsProtocolVersion.Tls13, TlsProtocolVersion.Tls12, TlsProtocolVersion.Tls11, TlsProtocolVersion.Tls10], hello.OfferedVersions.ToArray());
        Assert.Equal(87, hello.CipherSuites.Length);
        Assert.Equal(0x1302, hello.CipherSuites[0]);
        Assert.Contains((ushort)0xC02F, hello.CipherSuites); // ECDHE-RSA-AES128-GCM-SHA256
        Assert.Contains((ushort)0x00A7, hello.CipherSuites); // ADH-AES256-GCM-SHA384: aNULL offered at "may"
        Assert.Equal([new TlsKeyShareInfo(TlsNamedGroup.X25519, 32)], hello.KeyShares.ToArray());
        Assert.Null(hello.ServerName);
        Assert.True(hello.HasExtension(TlsExtensionType.Padding));
        Assert.Contains(TlsSignatureScheme.RsaPkcs1Sha1, hello.SignatureAlgorithms);
    }

    [Fact]
    public void OpenSslTls1_Hello_OffersOnlyTls10WithoutSignatureAlgorithms()
    {
        // Given
        var hex = TlsTestData.ReadText("ClientProfiles/raw/openssl3_s_client_tls1.conn1.clienthello.hex").Trim();

        // When
        var hello = ParseHex(hex);

        // Then
        Assert.Equal(TlsProtocolVersion.Tls10, hello.HighestVersion);
        Assert.False(hello.HasExtension(TlsExtensionType.SignatureAlgorithms));
        Assert.True(hello.SignalsSecureRenegotiation);
        Assert.All(hello.CipherSuites, c => Assert.True(CipherSuiteRegistry.Get(c).IsKnown));
    }

    [Fact]
    public void EximGnutls_Hello_HasTwoKeySharesAndRenegotiationExtension()
    {
        // Given
        var hex = TlsTestData.ReadText("ClientProfiles/raw/exim_4.96_gnutls_debian12_default.conn1.clienthello.hex").Trim();

        // When
        var hello = ParseHex(hex);

        // Then
        Assert.Equal(2, hello.KeyShares.Length);
        Assert.True(hello.HasExtension(TlsExtensionType.RenegotiationInfo));
        Assert.DoesNotContain(ClientHelloBuilder.EmptyRenegotiationInfoScsv, hello.CipherSuites);
        Assert.Contains((ushort)0x1304, hello.CipherSuites); // TLS_AES_128_CCM_SHA256
    }
}
