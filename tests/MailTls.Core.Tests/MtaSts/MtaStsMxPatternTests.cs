using MailTls.Core.MtaSts;
using Xunit;

namespace MailTls.Core.Tests.MtaSts;

public class MtaStsMxPatternTests
{
    [Theory]
    [InlineData("*.example.com", "mx.example.com", true)]
    [InlineData("*.example.com", "MX.EXAMPLE.COM.", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("mail.example.com", "mail.example.com.", true)]
    [InlineData("mail.example.com", "mail.example.org", false)]
    [InlineData("mail.example.com", "x.mail.example.com", false)]
    public void Matches_Host_FollowsRfc8461Section41(string pattern, string host, bool expected)
    {
        // Given a pattern from a policy
        var mx = new MtaStsMxPattern(pattern, 1);

        // When a host is matched
        // Then only the exact name, or exactly one label under a wildcard, matches
        Assert.Equal(expected, mx.Matches(host));
    }
}
