using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

public class TlsProtocolNamesTests
{
    [Theory]
    [InlineData(TlsProtocolVersion.Ssl2, "SSLv2")]
    [InlineData(TlsProtocolVersion.Ssl3, "SSLv3")]
    [InlineData(TlsProtocolVersion.Tls10, "TLSv1")]
    [InlineData(TlsProtocolVersion.Tls11, "TLSv1.1")]
    [InlineData(TlsProtocolVersion.Tls12, "TLSv1.2")]
    [InlineData(TlsProtocolVersion.Tls13, "TLSv1.3")]
    [InlineData((TlsProtocolVersion)0x7F1C, "0x7F1C")]
    public void Of_NamesVersionsAsPostfixLogsThem(TlsProtocolVersion version, string expected) =>
        Assert.Equal(expected, TlsProtocolNames.Of(version));
}
