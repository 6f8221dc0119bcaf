using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class CipherSuiteRegistryTests
{
    [Fact]
    public void All_IanaRegistry_HasEveryAssignedSuiteOnceInCodeOrder()
    {
        // Given
        var all = CipherSuiteRegistry.All;

        // When
        var codes = all.Select(s => s.Code).ToList();

        // Then: 352 assigned values in the IANA registry, no duplicates, sorted
        Assert.Equal(352, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(codes.Order().ToList(), codes);
    }

    [Theory]
    [InlineData(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", KeyExchangeAlgorithm.Ecdhe, AuthenticationAlgorithm.Rsa, BulkCipher.Aes, 128, MacAlgorithm.Aead, CipherStrength.High, TlsProtocolVersion.Tls12)]
    [InlineData(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "EXP-RC4-MD5", KeyExchangeAlgorithm.Rsa, AuthenticationAlgorithm.Rsa, BulkCipher.Rc4, 40, MacAlgorithm.Md5, CipherStrength.Export, TlsProtocolVersion.Ssl3)]
    [InlineData(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "DES-CBC3-SHA", KeyExchangeAlgorithm.Rsa, AuthenticationAlgorithm.Rsa, BulkCipher.TripleDes, 168, MacAlgorithm.Sha1, CipherStrength.Medium, TlsProtocolVersion.Ssl3)]
    [InlineData(0x00A7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384", "ADH-AES256-GCM-SHA384", KeyExchangeAlgorithm.Dhe, AuthenticationAlgorithm.Anonymous, BulkCipher.Aes, 256, MacAlgorithm.Aead, CipherStrength.High, TlsProtocolVersion.Tls12)]
    [InlineData(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA", KeyExchangeAlgorithm.Ecdhe, AuthenticationAlgorithm.Rsa, BulkCipher.Aes, 128, MacAlgorithm.Sha1, CipherStrength.High, TlsProtocolVersion.Tls10)]
    [InlineData(0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", KeyExchangeAlgorithm.Any, AuthenticationAlgorithm.Any, BulkCipher.Aes, 128, MacAlgorithm.Aead, CipherStrength.High, TlsProtocolVersion.Tls13)]
    [InlineData(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305", KeyExchangeAlgorithm.Ecdhe, AuthenticationAlgorithm.Rsa, BulkCipher.ChaCha20, 256, MacAlgorithm.Aead, CipherStrength.High, TlsProtocolVersion.Tls12)]
    [InlineData(0x0001, "TLS_RSA_WITH_NULL_MD5", "NULL-MD5", KeyExchangeAlgorithm.Rsa, AuthenticationAlgorithm.Rsa, BulkCipher.None, 0, MacAlgorithm.Md5, CipherStrength.None, TlsProtocolVersion.Ssl3)]
    [InlineData(0x0009, "TLS_RSA_WITH_DES_CBC_SHA", "DES-CBC-SHA", KeyExchangeAlgorithm.Rsa, AuthenticationAlgorithm.Rsa, BulkCipher.Des, 56, MacAlgorithm.Sha1, CipherStrength.Low, TlsProtocolVersion.Ssl3)]
    [InlineData(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "EDH-RSA-DES-CBC3-SHA", KeyExchangeAlgorithm.Dhe, AuthenticationAlgorithm.Rsa, BulkCipher.TripleDes, 168, MacAlgorithm.Sha1, CipherStrength.Medium, TlsProtocolVersion.Ssl3)]
    [InlineData(0x00AE, "TLS_PSK_WITH_AES_128_CBC_SHA256", "PSK-AES128-CBC-SHA256", KeyExchangeAlgorithm.Psk, AuthenticationAlgorithm.Psk, BulkCipher.Aes, 128, MacAlgorithm.Sha256, CipherStrength.High, TlsProtocolVersion.Tls10)]
    public void Get_KnownCode_ReturnsRegistryRow(int code, string iana, string openSsl, KeyExchangeAlgorithm kx, AuthenticationAlgorithm au, BulkCipher enc, int bits, MacAlgorithm mac, CipherStrength strength, TlsProtocolVersion minimum)
    {
        // Given
        var value = (ushort)code;

        // When
        var suite = CipherSuiteRegistry.Get(value);

        // Then
        Assert.True(suite.IsKnown);
        Assert.Equal(iana, suite.IanaName);
        Assert.Equal(openSsl, suite.OpenSslName);
        Assert.Equal(kx, suite.KeyExchange);
        Assert.Equal(au, suite.Authentication);
        Assert.Equal(enc, suite.Encryption);
        Assert.Equal(bits, suite.EncryptionKeyBits);
        Assert.Equal(mac, suite.Mac);
        Assert.Equal(strength, suite.Strength);
        Assert.Equal(minimum, suite.MinimumProtocol);
    }

    [Fact]
    public void Get_UnknownCode_KeepsTheNumber()
    {
        // Given
        const ushort code = 0xFEFE;

        // When
        var suite = CipherSuiteRegistry.Get(code);
        var found = CipherSuiteRegistry.TryGet(code, out _);

        // Then
        Assert.False(found);
        Assert.False(suite.IsKnown);
        Assert.Equal(code, suite.Code);
        Assert.Equal("0xFEFE", suite.IanaName);
    }

    [Theory]
    [InlineData("ECDHE-RSA-AES128-GCM-SHA256", 0xC02F)]
    [InlineData("tls_ecdhe_rsa_with_aes_128_gcm_sha256", 0xC02F)]
    [InlineData("EXP-EDH-RSA-DES-CBC-SHA", 0x0014)]
    [InlineData("TLS_FALLBACK_SCSV", 0x5600)]
    public void TryGetByName_IanaOrOpenSslName_FindsSuite(string name, int code)
    {
        // Given / When
        var found = CipherSuiteRegistry.TryGetByName(name, out var suite);

        // Then
        Assert.True(found);
        Assert.Equal(code, suite!.Code);
    }

    [Fact]
    public void TryGetByName_UnknownName_ReturnsFalse()
    {
        // Given / When
        var found = CipherSuiteRegistry.TryGetByName("NOT-A-CIPHER", out var suite);

        // Then
        Assert.False(found);
        Assert.Null(suite);
    }

    [Fact]
    public void All_OpenSslNames_AreUniqueAndEveryOpenSsl3SuiteIsNamed()
    {
        // Given
        var named = CipherSuiteRegistry.All.Where(s => s.OpenSslName is not null).ToList();

        // When
        var distinct = named.Select(s => s.OpenSslName).Distinct(StringComparer.OrdinalIgnoreCase).Count();

        // Then: 160 from OpenSSL 3.0 plus 96 legacy names
        Assert.Equal(named.Count, distinct);
        Assert.Equal(256, named.Count);
    }

    [Fact]
    public void All_ExportSuites_AreExactlyThoseNamedExport()
    {
        // Given
        var all = CipherSuiteRegistry.All;

        // When
        var export = all.Where(s => s.IsExport).Select(s => s.Code);
        var named = all.Where(s => s.IanaName.Contains("_EXPORT_", StringComparison.Ordinal)).Select(s => s.Code);

        // Then
        Assert.Equal(named, export);
    }

    [Theory]
    [InlineData(0xC02F, true)]
    [InlineData(0x1301, true)]
    [InlineData(0x002F, false)]
    [InlineData(0xC02D, false)]
    public void HasForwardSecrecy_ByKeyExchange_IsEphemeralOnly(int code, bool expected)
    {
        // Given
        var suite = CipherSuiteRegistry.Get((ushort)code);

        // When / Then
        Assert.Equal(expected, suite.HasForwardSecrecy);
    }

    [Theory]
    [InlineData(0x0A0A, true)]
    [InlineData(0xFAFA, true)]
    [InlineData(0x1A1A, true)]
    [InlineData(0x0A1A, false)]
    [InlineData(0x0B0B, false)]
    [InlineData(0xC02F, false)]
    public void IsGrease_Rfc8701Values_Detected(int value, bool expected)
    {
        // Given / When
        var grease = CipherSuiteRegistry.IsGrease((ushort)value);

        // Then
        Assert.Equal(expected, grease);
    }
}
