using MailTls.Core.OpenSsl;
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

    [Fact]
    public void SuitesOf_PostfixMediumGradeOnDebian12_EqualsTheSuitesOfTheCapturedPostfix37Hello()
    {
        // Given Postfix's client cipher string (medium grade, the default at level may) and Debian 12's OpenSSL, the
        // way a derived Postfix profile states its offer, and the hello captured from that Postfix
        var captured = Profile("postfix-3.7-debian12-may").CipherSuites.Where(c => c != ClientHelloBuilder.EmptyRenegotiationInfoScsv).ToArray();

        // When the suites are derived from the string at security level 0, which Postfix sets at level may (so anonymous suites stay)
        var derived = SenderProfileCatalog.SuitesOf("aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH", OpenSslBuild.Debian12 with { SecurityLevel = 0 }, tls13: true);

        // Then they are the captured ones, in the captured order
        Assert.Equal(captured, derived.ToArray());
    }

    [Fact]
    public void TryCreate_Postfix34FromSourceDefaults_OffersTls13To10OpenSsl111SuitesAndItsCurves()
    {
        // Given Postfix 3.4 on OpenSSL 1.1.1f as its source defaults describe it
        var profile = Profile("derived-postfix-3.4-ubuntu2004-source-defaults");

        // When its hello is synthesised and parsed back
        var synthesised = SenderHelloSynthesis.TryCreate(profile)!;
        var hello = ReadBack(synthesised);

        // Then the output says where the suites come from, not that only some are known
        Assert.Contains(synthesised.Assumptions, a => a.Contains("\"aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH\" on OpenSSL 1.1.1f at security level 0", StringComparison.Ordinal));
        Assert.DoesNotContain(synthesised.Assumptions, a => a.Contains("may offer more", StringComparison.Ordinal));

        // And it offers TLS 1.3 down to 1.0, OpenSSL 1.1.1's TLS 1.3 suites first, anonymous suites (level 0), no RC4 (not in 1.1.1), and tls_eecdh_auto_curves
        Assert.Equal([TlsProtocolVersion.Tls13, TlsProtocolVersion.Tls12, TlsProtocolVersion.Tls11, TlsProtocolVersion.Tls10], hello.OfferedVersions.ToArray());
        Assert.Equal([(ushort)0x1302, (ushort)0x1303, (ushort)0x1301], hello.CipherSuites.Take(3).ToArray());
        Assert.Contains(hello.CipherSuites, c => CipherSuiteRegistry.Get(c).IsAnonymous);
        Assert.DoesNotContain(hello.CipherSuites, c => CipherSuiteRegistry.Get(c).Encryption == BulkCipher.Rc4);
        Assert.Equal([TlsNamedGroup.X25519, TlsNamedGroup.X448, TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp521r1, TlsNamedGroup.Secp384r1], hello.SupportedGroups.ToArray());
        Assert.Equal("postfix-3.4-ubuntu2004-openssl111-derived", profile.DerivedFrom);
    }

    [Fact]
    public void TryCreate_Postfix210FromSourceDefaults_OffersTls12WithRc4AndNoTls13()
    {
        // Given Postfix 2.10 on OpenSSL 1.0.2 with TLS enabled by the admin
        var hello = ReadBack(SenderHelloSynthesis.TryCreate(Profile("derived-postfix-2.10-centos7-source-defaults"))!);

        // Then: legacy_version TLS 1.2 without supported_versions, RC4 moved to the end by +RC4 but present, no TLS 1.3 suites
        Assert.Equal((ushort)TlsProtocolVersion.Tls12, hello.LegacyVersion);
        Assert.Empty(hello.SupportedVersions);
        Assert.Contains(hello.CipherSuites, c => CipherSuiteRegistry.Get(c).Encryption == BulkCipher.Rc4);
        Assert.DoesNotContain(hello.CipherSuites, c => c is >= 0x1301 and <= 0x1305);
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
