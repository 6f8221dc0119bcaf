using MailTls.Core.Dns;
using Xunit;

namespace MailTls.Core.Tests.Dns;

public class PublicSuffixListTests
{
    private const string ListText = """
        // ===BEGIN ICANN DOMAINS===
        com
        uk
        co.uk
        // wildcard with an exception, as the real list has for .ck
        *.ck
        !www.ck
        jp
        *.kawasaki.jp
        !city.kawasaki.jp
        公司.cn
        cn
        // ===BEGIN PRIVATE DOMAINS===
        blogspot.com
        """;

    private static readonly PublicSuffixList List = PublicSuffixList.Parse(ListText);

    [Theory]
    [InlineData("mail-wi0-x230.google.com", "google.com")]
    [InlineData("GOOGLE.COM.", "google.com")]
    [InlineData("mx.mail.bbc.co.uk", "bbc.co.uk")]
    [InlineData("a.b.example.ck", "b.example.ck")]
    [InlineData("www.ck", "www.ck")]
    [InlineData("x.city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("a.b.kawasaki.jp", "a.b.kawasaki.jp")]
    [InlineData("foo.bar.blogspot.com", "bar.blogspot.com")]
    [InlineData("mx.example.xn--55qx5d.cn", "example.xn--55qx5d.cn")]
    [InlineData("mx.example.unlisted", "example.unlisted")]
    public void GetRegistrableDomain_Name_ReturnsSuffixPlusOneLabel(string host, string expected)
    {
        // Given a suffix list with plain, wildcard, exception, IDN and private rules
        // When a host is mapped to its organisation
        // Then the registrable domain follows the PSL algorithm
        Assert.Equal(expected, List.GetRegistrableDomain(host));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("co.uk")]
    [InlineData("kawasaki.jp")]
    [InlineData("192.0.2.1")]
    [InlineData("2a00:1450:400c:c05::230")]
    [InlineData("a..b.com")]
    public void GetRegistrableDomain_NoOrganisation_ReturnsNull(string? host)
    {
        // Given names with no registrable domain (IPs, unknown, a suffix itself or a wildcard's own name, empty labels)
        // When mapped, Then there is none
        Assert.Null(List.GetRegistrableDomain(host));
    }

    [Fact]
    public void Fallback_TwoLabels_IsFlaggedApproximate()
    {
        // Given no list available
        var fallback = PublicSuffixList.Fallback;

        // When a co.uk host is mapped
        var organisation = fallback.GetRegistrableDomain("mx.mail.bbc.co.uk");

        // Then the last two labels are used and the list says it is approximate
        Assert.Equal("co.uk", organisation);
        Assert.True(fallback.IsFallback);
        Assert.False(List.IsFallback);
    }
}
