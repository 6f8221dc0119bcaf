using MailTls.Core.OpenSsl;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

public sealed class OpenSslCipherCatalogTests
{
    [Theory]
    [InlineData(OpenSslEra.V30, 0xC02F, "ECDHE-RSA-AES128-GCM-SHA256")]
    [InlineData(OpenSslEra.V30, 0x1301, "TLS_AES_128_GCM_SHA256")]
    [InlineData(OpenSslEra.V102, 0x0003, "EXP-RC4-MD5")]
    [InlineData(OpenSslEra.V102, 0x0016, "EDH-RSA-DES-CBC3-SHA")]
    [InlineData(OpenSslEra.V111, 0x0016, "DHE-RSA-DES-CBC3-SHA")]
    public void TryFindByCode_KnownCode_ReturnsEraSpecificName(OpenSslEra era, int code, string name)
    {
        // Given a code point from a ClientHello
        // When it is looked up in an era
        bool found = OpenSslCipherCatalog.TryFindByCode(era, (ushort)code, out OpenSslCipherSuite? suite);

        // Then the era's own OpenSSL name comes back
        Assert.True(found);
        Assert.Equal(name, suite!.Name);
    }

    [Fact]
    public void TryFindByCode_UnknownCode_ReturnsFalse()
    {
        // Given / When a GREASE value (RFC 8701), which no table holds
        bool found = OpenSslCipherCatalog.TryFindByCode(OpenSslEra.V30, 0x0A0A, out OpenSslCipherSuite? suite);

        // Then nothing is found
        Assert.False(found);
        Assert.Null(suite);
    }

    [Fact]
    public void TryFindByName_IanaOrOpenSslName_FindTheSameSuite()
    {
        // Given / When both spellings of one suite
        OpenSslCipherCatalog.TryFindByName(OpenSslEra.V30, "TLS_RSA_WITH_AES_128_CBC_SHA", out OpenSslCipherSuite? byIana);
        OpenSslCipherCatalog.TryFindByName(OpenSslEra.V30, "AES128-SHA", out OpenSslCipherSuite? byName);

        // Then they are one row
        Assert.NotNull(byIana);
        Assert.Same(byIana, byName);
        Assert.False(OpenSslCipherCatalog.TryFindByName(OpenSslEra.V30, "aes128-sha", out _));
    }

    [Fact]
    public void GetSuites_V102_HasStaticDhButNoTls13()
    {
        // Given / When the 1.0.2 catalogue
        var suites = OpenSslCipherCatalog.GetSuites(OpenSslEra.V102);

        // Then it has the static DH/ECDH suites 1.1.0 dropped, and no TLS 1.3
        Assert.Contains(suites, s => s.KeyExchange == OpenSslKeyExchange.DhRsa);
        Assert.Contains(suites, s => s.KeyExchange == OpenSslKeyExchange.EcdhEcdsa);
        Assert.Empty(OpenSslCipherCatalog.GetTls13Suites(OpenSslEra.V102));
        Assert.Equal(suites.Select(s => s.Code).Order(), suites.Select(s => s.Code));
    }
}
