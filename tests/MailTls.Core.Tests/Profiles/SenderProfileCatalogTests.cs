using MailTls.Core.Postfix;
using MailTls.Core.Profiles;
using Xunit;

namespace MailTls.Core.Tests.Profiles;

public class SenderProfileCatalogTests
{
    [Fact]
    public void All_ShippedData_EveryProfileLoadsWithProvenance()
    {
        // Given / When the embedded profiles are read
        var all = SenderProfileCatalog.All;

        // Then all 34 load (31 from shared/reference/client-profiles and the scenarios, plus Microsoft 365 from its published facts and two Postfix clients from their source defaults), each saying where it came from
        Assert.Equal(34, all.Count);
        Assert.All(all, p => Assert.NotEqual("unknown", p.SourceType));
        Assert.Equal(all.Count, all.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void All_CapturedPostfix37_OffersTls10To13And87Suites()
    {
        // Given the captured Debian 12 Postfix hello
        var postfix = SenderProfileCatalog.All.Single(p => p.Id == "postfix-3.7-debian12-may");

        // Then its versions and suite count are those captured
        Assert.Equal([PostfixProtocol.Tls10, PostfixProtocol.Tls11, PostfixProtocol.Tls12, PostfixProtocol.Tls13], postfix.OfferedVersions);
        Assert.Equal(87, postfix.CipherSuites.Count);
        Assert.Equal(SenderRole.Mta, postfix.Role);
    }

    [Theory]
    [InlineData("derived-scenario1-gmail-2014", PostfixProtocol.Tls10)]
    [InlineData("openssl-0.9.8y-library-default", PostfixProtocol.Tls10)]
    [InlineData("openssl-1.0.2-library-default", PostfixProtocol.Tls12)]
    [InlineData("schannel-win7-2008r2-ie8-10", PostfixProtocol.Tls10)]
    public void All_LegacyHello_MaxVersionFromLegacyVersion(string id, PostfixProtocol max)
    {
        // Given a TLS 1.2-or-older hello with no supported_versions
        var profile = SenderProfileCatalog.All.Single(p => p.Id == id);

        // Then its highest version is its legacy_version
        Assert.Equal(max, profile.MaxVersion);
    }

    [Fact]
    public void Senders_ExcludeTestTools_KeepFactOnlyProfilesWithoutVersions()
    {
        // Given / When the senders are listed
        var senders = SenderProfileCatalog.Senders.ToList();

        // Then tools are left out and facts-only profiles claim no version
        Assert.DoesNotContain(senders, s => s.Id.Contains("s_client", StringComparison.Ordinal) || s.Id.StartsWith("swaks", StringComparison.Ordinal));
        Assert.Null(senders.Single(s => s.Id == "gmail-google-outbound").MaxVersion);
        Assert.Contains(senders, s => s.Role == SenderRole.LibraryProxy);
    }
}
