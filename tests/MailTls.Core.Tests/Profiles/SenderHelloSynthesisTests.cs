using MailTls.Core.Profiles;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Profiles;

public sealed class SenderHelloSynthesisTests
{
    private static SenderProfile Profile(string id) => SenderProfileCatalog.All.Single(p => p.Id == id);

    private static ClientHelloInfo ReadBack(SynthesisedHello synthesised)
    {
        var record = ClientHelloBuilder.BuildRecord(synthesised.Options);
        Assert.Equal(ParseStatus.Done, ClientHelloReader.TryReadRecords(record, ParserLimits.Default, out var hello, out var consumed, out var error));
        Assert.Equal(record.Length, consumed);
        Assert.Equal(TlsParseError.None, error);
        return hello!;
    }

    [Fact]
    public void TryCreate_Microsoft365_OffersExactlyThePublishedVersionAndSuitesInOrder()
    {
        // Given Exchange Online's published facts: TLS 1.2 only, nine suites in Microsoft's order
        var profile = Profile("derived-microsoft365-published");

        // When its hello is synthesised and parsed back
        var synthesised = SenderHelloSynthesis.TryCreate(profile);
        Assert.NotNull(synthesised);
        var hello = ReadBack(synthesised);

        // Then the wire offers TLS 1.2 (no supported_versions, so no TLS 1.3) and exactly those suites in that order, plus only the RFC 5746 SCSV
        Assert.Equal((ushort)TlsProtocolVersion.Tls12, hello.LegacyVersion);
        Assert.Empty(hello.SupportedVersions);
        ushort[] published = [0xC030, 0xC02F, 0xC02C, 0xC028, 0xC027, 0xC014, 0xC013, 0x009D, 0x009C];
        Assert.Equal([.. published, ClientHelloBuilder.EmptyRenegotiationInfoScsv], hello.CipherSuites.ToArray());
        Assert.Equal(profile.CipherSuites.ToArray(), published);
        Assert.Null(hello.ServerName);
    }

    [Fact]
    public void TryCreate_Microsoft365_StatesItsDefaultsAndConfidence()
    {
        // Given / When
        var synthesised = SenderHelloSynthesis.TryCreate(Profile("derived-microsoft365-published"))!;
        var hello = ReadBack(synthesised);

        // Then the unpublished fields carry the documented defaults, and the output says so
        Assert.Equal([TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1], hello.SupportedGroups.ToArray());
        Assert.Contains(TlsSignatureScheme.RsaPkcs1Sha256, hello.SignatureAlgorithms);
        Assert.Equal("low-medium", synthesised.Confidence);
        Assert.Contains(synthesised.Assumptions, a => a.Contains("groups not published", StringComparison.Ordinal));
        Assert.Contains(synthesised.Assumptions, a => a.Contains("only the 9 published suites", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCreate_Gmail2014_OffersTls10AndItsOneKnownSuite()
    {
        // Given scenario 1's Gmail: TLS 1.0 at most, ECDHE-RSA-RC4-SHA negotiated
        var hello = ReadBack(SenderHelloSynthesis.TryCreate(Profile("derived-scenario1-gmail-2014"))!);

        // Then: a TLS 1.0 hello without signature_algorithms (TLS 1.2 only, RFC 5246 7.4.1.4.1)
        Assert.Equal((ushort)TlsProtocolVersion.Tls10, hello.LegacyVersion);
        Assert.Equal([(ushort)0xC011, ClientHelloBuilder.EmptyRenegotiationInfoScsv], hello.CipherSuites.ToArray());
        Assert.False(hello.HasExtension(TlsExtensionType.SignatureAlgorithms));
    }

    [Theory]
    [InlineData("gmail-google-outbound")]
    [InlineData("yahoo-outbound")]
    [InlineData("comcast-outbound-dane")]
    [InlineData("derived-scenario1-facebook-2014")]
    [InlineData("postfix-3.7-debian12-may")]
    public void TryCreate_NoSuiteFactsOrACapture_BuildsNothing(string id)
    {
        // Given a facts-only profile without suites (never guessed), or one with a recorded hello (replayed instead)
        var profile = Profile(id);

        // When / Then
        Assert.Null(SenderHelloSynthesis.TryCreate(profile));
        Assert.False(SenderHelloSynthesis.CanSynthesise(profile));
    }

    [Fact]
    public void Catalog_PublishedFacts_KeepSniPolicyAndWhereADerivedProfileCameFrom()
    {
        // Given / When
        var comcast = Profile("comcast-outbound-dane");
        var microsoft = Profile("derived-microsoft365-published");

        // Then
        Assert.Contains("TLSA base domain", comcast.SniPolicy, StringComparison.Ordinal);
        Assert.Null(Profile("yahoo-outbound").SniPolicy);
        Assert.Equal("microsoft365-exchange-online-outbound", microsoft.DerivedFrom);
        Assert.Equal(TlsNamedGroup.X25519, Profile("postfix-3.7-debian12-may").Groups[0]);
    }
}
