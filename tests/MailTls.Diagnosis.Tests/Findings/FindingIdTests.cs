using Xunit;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Tests.Findings;

public class FindingIdTests
{
    [Theory]
    [InlineData("dane-tlsa-mismatch")]
    [InlineData("tls13")]
    [InlineData("a")]
    public void Constructor_KebabCase_Accepted(string text)
    {
        // Given / When a well-formed id
        var id = new FindingId(text);

        // Then it keeps its text and links its anchor
        Assert.Equal(text, id.Value);
        Assert.Equal($"docs/findings.md#{text}", id.DocumentationLink);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DANE-TLSA")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("double--hyphen")]
    [InlineData("under_score")]
    [InlineData("space here")]
    public void Constructor_Malformed_Throws(string text)
    {
        // Given / When / Then a malformed id is a programming error
        Assert.Throws<ArgumentException>(() => new FindingId(text));
    }
}
