using MailTls.Core.OpenSsl;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

public sealed class OpenSslBuildTests
{
    [Theory]
    [InlineData("1.0.1e", OpenSslEra.V102, true)]
    [InlineData("OpenSSL 1.0.1e-fips 11 Feb 2013", OpenSslEra.V102, true)]
    [InlineData("1.0.2f", OpenSslEra.V102, true)]
    [InlineData("1.0.2p", OpenSslEra.V102, false)]
    [InlineData("1.0.2", OpenSslEra.V102, false)]
    [InlineData("1.0.1", OpenSslEra.V102, false)]
    [InlineData("1.0.1r", OpenSslEra.V102, true)]
    [InlineData("1.0.1t", OpenSslEra.V102, false)]
    [InlineData("1.1.1", OpenSslEra.V111, false)]
    [InlineData("3.0", OpenSslEra.V30, false)]
    [InlineData("1.0.2zl", OpenSslEra.V102, false)]
    [InlineData("1.1.0l", OpenSslEra.V111, false)]
    [InlineData("OpenSSL 1.1.1w  11 Sep 2023", OpenSslEra.V111, false)]
    [InlineData("3.0.15", OpenSslEra.V30, false)]
    [InlineData("3.5", OpenSslEra.V30, false)]
    public void TryParseVersion_KnownVersion_MapsToEraPreset(string version, OpenSslEra era, bool weak)
    {
        // Given a version string as postconf, openssl version or a user would give it
        // When it is parsed
        bool ok = OpenSslBuild.TryParseVersion(version, out OpenSslBuild? build);

        // Then it maps to the era, with weak suites where that release still compiled them by default
        Assert.True(ok);
        Assert.Equal(era, build!.Era);
        Assert.Equal(weak, build.WeakCiphers);
    }

    [Theory]
    [InlineData("1.0.1e", true)]
    [InlineData("1.0.1u", false)]
    [InlineData("1.0.2h", true)]
    [InlineData("1.0.2i", false)]
    [InlineData("1.1.1", false)]
    public void TryParseVersion_Before2016Sweet32Fix_Keeps3DesInHigh(string version, bool tripleDesHigh)
    {
        // Given a release before or after 1.0.1u/1.0.2i
        // When it is parsed
        bool ok = OpenSslBuild.TryParseVersion(version, out OpenSslBuild? build);

        // Then 3DES is classed as that release did
        Assert.True(ok);
        Assert.Equal(tripleDesHigh, build!.TripleDesHigh);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("LibreSSL")]
    [InlineData("3")]
    [InlineData("x.y.z")]
    public void TryParseVersion_NotAVersion_ReturnsFalse(string? version)
    {
        // Given text that is not an OpenSSL version
        // When it is parsed
        bool ok = OpenSslBuild.TryParseVersion(version, out OpenSslBuild? build);

        // Then nothing is guessed
        Assert.False(ok);
        Assert.Null(build);
    }
}
