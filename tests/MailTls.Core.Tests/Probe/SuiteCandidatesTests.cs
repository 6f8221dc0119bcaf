using MailTls.Core.Probe;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Probe;

public sealed class SuiteCandidatesTests
{
    [Fact]
    public void For_Tls13_OffersOnlyTls13SuitesWithOpenSslsFirst()
    {
        // When
        var suites = SuiteCandidates.For(TlsProtocolVersion.Tls13);

        // Then
        Assert.All(suites, s => Assert.True(s.IsTls13));
        Assert.Equal([0x1301, 0x1302, 0x1303, 0x1304, 0x1305], suites.Take(5).Select(s => (int)s.Code).Order());
    }

    [Theory]
    [InlineData(TlsProtocolVersion.Ssl3)]
    [InlineData(TlsProtocolVersion.Tls10)]
    [InlineData(TlsProtocolVersion.Tls12)]
    public void For_LegacyVersion_OffersEveryRegistrySuiteNegotiableInItAndNothingElse(TlsProtocolVersion version)
    {
        // When
        var suites = SuiteCandidates.For(version);

        // Then: no TLS 1.3 suite, no signalling value, nothing newer than the version, nothing twice
        var expected = CipherSuiteRegistry.All.Count(s => !s.IsTls13 && s.Strength != CipherStrength.Signalling && s.MinimumProtocol != TlsProtocolVersion.None && s.MinimumProtocol <= version);
        Assert.Equal(expected, suites.Count);
        Assert.Equal(suites.Count, suites.Select(s => s.Code).Distinct().Count());
        Assert.All(suites, s => Assert.True(s.MinimumProtocol <= version && !s.IsTls13));
    }

    [Fact]
    public void For_Tls12_PutsForwardSecretOpenSslSuitesBeforeStaticAndExoticOnes()
    {
        // When
        var suites = SuiteCandidates.For(TlsProtocolVersion.Tls12).ToList();

        // Then: what a modern server accepts lands in the first bundle; suites OpenSSL never had come last
        var ecdheGcm = suites.FindIndex(s => s.OpenSslName == "ECDHE-RSA-AES128-GCM-SHA256");
        var staticRsa = suites.FindIndex(s => s.OpenSslName == "AES128-GCM-SHA256");
        var psk = suites.FindIndex(s => s.OpenSslName == "PSK-AES128-GCM-SHA256");
        var firstUnnamed = suites.FindIndex(s => s.OpenSslName is null);
        Assert.True(ecdheGcm < staticRsa && staticRsa < psk && psk < firstUnnamed, $"{ecdheGcm} {staticRsa} {psk} {firstUnnamed}");
        Assert.True(ecdheGcm < 64);
        Assert.All(suites.Skip(firstUnnamed), s => Assert.Null(s.OpenSslName));
    }
}
