using MailTls.Core.OpenSsl;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

public sealed class OpenSslSecurityLevelTests
{
    private static OpenSslCipherSuite Suite(string name) => OpenSslCipherTables.V30Suites.Concat(OpenSslCipherTables.V102Suites).First(s => s.Name == name);

    [Theory]
    [InlineData("AES128-SHA", 2, true)]
    [InlineData("AES128-SHA", 3, false)]
    [InlineData("ECDHE-RSA-AES128-SHA", 3, true)]
    [InlineData("ECDHE-RSA-AES128-SHA", 4, false)]
    [InlineData("ECDHE-RSA-AES256-GCM-SHA384", 5, true)]
    [InlineData("ADH-AES256-GCM-SHA384", 1, false)]
    [InlineData("ADH-AES256-GCM-SHA384", 0, true)]
    [InlineData("NULL-SHA256", 1, false)]
    [InlineData("RC4-SHA", 1, true)]
    [InlineData("RC4-SHA", 2, false)]
    [InlineData("DES-CBC3-SHA", 2, true)]
    [InlineData("DES-CBC3-SHA", 3, false)]
    [InlineData("RC4-MD5", 1, false)]
    public void AllowsCipher_LevelAndSuite_FollowsDefaultSecurityCallback(string name, int level, bool allowed)
    {
        // Given a suite and a level
        // When the default security callback's cipher rules are applied
        // Then the verdict matches ssl_security_default_callback
        Assert.Equal(allowed, OpenSslSecurityLevel.AllowsCipher(Suite(name), level));
    }

    [Theory]
    [InlineData(OpenSslProtocol.SslV3, 1, true)]
    [InlineData(OpenSslProtocol.SslV3, 2, false)]
    [InlineData(OpenSslProtocol.TlsV1, 2, true)]
    [InlineData(OpenSslProtocol.TlsV1, 3, false)]
    [InlineData(OpenSslProtocol.TlsV11, 4, false)]
    [InlineData(OpenSslProtocol.TlsV12, 5, true)]
    public void AllowsProtocol_LevelAndVersion_FollowsDefaultSecurityCallback(OpenSslProtocol protocol, int level, bool allowed)
    {
        // Given / When / Then the protocol floor per level
        Assert.Equal(allowed, OpenSslSecurityLevel.AllowsProtocol(protocol, level));
    }

    [Theory]
    [InlineData(-3, 0)]
    [InlineData(0, 0)]
    [InlineData(2, 112)]
    [InlineData(5, 256)]
    [InlineData(9, 256)]
    public void MinimumBits_Level_IsTheTableValue(int level, int bits)
    {
        // Given / When / Then
        Assert.Equal(bits, OpenSslSecurityLevel.MinimumBits(level));
    }
}
