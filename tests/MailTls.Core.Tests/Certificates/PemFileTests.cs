using MailTls.Core.Certificates;
using Xunit;

namespace MailTls.Core.Tests.Certificates;

public sealed class PemFileTests(ExampleChain chain) : IClassFixture<ExampleChain>
{
    private readonly TestChain _chain = chain;

    [Fact]
    public void Parse_BlocksAfterText_CiteTheLineEachBlockStartsOn()
    {
        // Given a comment line, then two certificates
        var text = "# bundle\n" + TestChain.Pem(_chain.Leaf, _chain.Intermediate);
        var firstBlockLines = TestChain.Pem(_chain.Leaf).Count(c => c == '\n');

        // When parsed
        var (blocks, problems) = PemFile.Parse(text, "bundle.pem");

        // Then each cites its BEGIN line
        Assert.Empty(problems);
        Assert.Equal([2, 2 + firstBlockLines], blocks.Select(b => b.Location.Line).ToArray());
    }

    [Theory]
    [InlineData(64, 64, false)]
    [InlineData(65, 64, true)]
    [InlineData(150, 4096, false)] // a system CA bundle read with a bundle-sized limit
    public void Parse_AtAndOverTheBlockLimit_KeepsTheLimitAndSaysSoOnlyWhenOver(int count, int limit, bool reported)
    {
        // Given a file of count certificates
        var text = string.Concat(Enumerable.Repeat(TestChain.Pem(_chain.Root), count));

        // When parsed with the limit
        var (blocks, problems) = PemFile.Parse(text, "bundle.pem", limit);

        // Then
        Assert.Equal(Math.Min(count, limit), blocks.Count);
        Assert.Equal(reported, problems.Any(p => p.Message.Contains($"more than {limit} PEM blocks", StringComparison.Ordinal)));
    }
}
