using System.Net;
using MailTls.Core.Probe;
using Xunit;

namespace MailTls.Core.Tests.Probe;

public sealed class ProbeTargetTests
{
    [Theory]
    [InlineData("example.com", "example.com", null, null, true)]
    [InlineData("Example.COM.", "example.com", null, null, true)]
    [InlineData("mx.example.com:465", "mx.example.com", null, 465, false)]
    [InlineData("192.0.2.1", "192.0.2.1", "192.0.2.1", null, false)]
    [InlineData("192.0.2.1:587", "192.0.2.1", "192.0.2.1", 587, false)]
    [InlineData("2001:db8::1", "2001:db8::1", "2001:db8::1", null, false)]
    [InlineData("[2001:db8::1]", "2001:db8::1", "2001:db8::1", null, false)]
    [InlineData("[::1]:25", "::1", "::1", 25, false)]
    [InlineData(" mail_relay.example.net ", "mail_relay.example.net", null, null, true)]
    public void TryParse_ValidTarget_GivesNameAddressPortAndWhetherItMayBeADomain(string text, string name, string? address, int? port, bool mayBeDomain)
    {
        // When
        var ok = ProbeTarget.TryParse(text, out var target, out var error);

        // Then
        Assert.True(ok, error);
        Assert.Equal(name, target!.Name);
        Assert.Equal(address is null ? null : IPAddress.Parse(address), target.Address);
        Assert.Equal(port, target.Port);
        Assert.Equal(mayBeDomain, target.MayBeDomain);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("example.com:0", "port")]
    [InlineData("example.com:65536", "port")]
    [InlineData("example.com:smtp", "port")]
    [InlineData("[2001:db8::1", "[address]")]
    [InlineData("[not-an-ip]:25", "[address]")]
    [InlineData("[::1]25", "port after ']'")]
    [InlineData("-bad-.example", "not a host name")]
    [InlineData("a..b", "not a host name")]
    [InlineData("exa mple.com", "not a host name")]
    public void TryParse_InvalidTarget_SaysWhy(string text, string reason)
    {
        // When
        var ok = ProbeTarget.TryParse(text, out var target, out var error);

        // Then
        Assert.False(ok);
        Assert.Null(target);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NameLongerThan253_IsRefused()
    {
        // Given: five 63-character labels
        var name = string.Join('.', Enumerable.Repeat(new string('a', 63), 5));

        // When / Then
        Assert.False(ProbeTarget.TryParse(name, out _, out var error));
        Assert.Contains("253", error, StringComparison.Ordinal);
    }
}
