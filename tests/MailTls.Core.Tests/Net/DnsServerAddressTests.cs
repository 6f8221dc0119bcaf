using Xunit;
using System.Net;
using MailTls.Core.Net;

namespace MailTls.Core.Tests.Net;

public class DnsServerAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", 53)]
    [InlineData("127.0.0.1:5353", "127.0.0.1", 5353)]
    [InlineData(" 10.1.2.3:1 ", "10.1.2.3", 1)]
    [InlineData("::1", "::1", 53)]
    [InlineData("[::1]", "::1", 53)]
    [InlineData("[::1]:5353", "::1", 5353)]
    [InlineData("2001:db8::53", "2001:db8::53", 53)]
    [InlineData("[2001:db8::53]:65535", "2001:db8::53", 65535)]
    public void TryParse_ValidServer_ReturnsAddressAndPort(string text, string address, int port)
    {
        // Given a server as a user would type it
        // When it is parsed
        var ok = DnsServerAddress.TryParse(text, out var endpoint, out var error);

        // Then the address and port are the ones written, 53 when none is given
        Assert.True(ok, error);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endpoint);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("dns.example", "not an IP address")]
    [InlineData("dns.example:53", "not an IP address")]
    [InlineData("127.0.0.1:", "not a port number")]
    [InlineData("127.0.0.1:0", "not a port number")]
    [InlineData("127.0.0.1:65536", "not a port number")]
    [InlineData("127.0.0.1:-1", "not a port number")]
    [InlineData("127.0.0.1:5x", "not a port number")]
    [InlineData("[::1", "without closing")]
    [InlineData("[::1]5353", "after the address")]
    [InlineData("[::1]:", "not a port number")]
    [InlineData("[dns.example]:53", "not an IP address")]
    [InlineData("999.1.1.1", "not an IP address")]
    public void TryParse_InvalidServer_ReturnsFalseWithReason(string text, string reason)
    {
        // Given a malformed --dns value
        // When it is parsed
        var ok = DnsServerAddress.TryParse(text, out var endpoint, out var error);

        // Then it is refused with a reason that says what is wrong
        Assert.False(ok);
        Assert.Null(endpoint);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
