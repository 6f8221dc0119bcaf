using MailTls.Core.MtaSts;
using Xunit;

namespace MailTls.Core.Tests.MtaSts;

public class MtaStsRecordTests
{
    [Theory]
    [InlineData("v=STSv1; id=20160831085700Z;", "20160831085700Z")]
    [InlineData("v=STSv1;id=1", "1")]
    [InlineData("v=STSv1; id=abc ; ext=v-1 ;", "abc")]
    public void Select_ValidRecord_ReturnsId(string text, string id)
    {
        // Given a valid record beside an unrelated TXT record
        // When the record is selected
        var result = MtaStsRecord.Select(["google-site-verification=x", text]);

        // Then its id is read and nothing is wrong
        Assert.Empty(result.Problems);
        Assert.Equal(id, result.Record!.Id);
    }

    [Theory]
    [InlineData("v=STSv1;", "no 'id' field")]
    [InlineData("v=STSv1; id=;", "has no value")]
    [InlineData("v=STSv1; id=2024-01-01;", "1 to 32 letters and digits")]
    [InlineData("v=STSv1; id=123456789012345678901234567890123;", "1 to 32 letters and digits")]
    [InlineData("v=STSv1; id=1; id=2;", "second 'id'")]
    [InlineData("v=STSv1 id=1", "expected ';'")]
    [InlineData("v=STSv1; id=1;; x=y", "empty field")]
    [InlineData("v=STSv1; id=1; =y", "not a field name")]
    [InlineData("v=STSv1; id=1; junk", "not a name=value field")]
    [InlineData("v=STSv1; id=a\u0001b;", "may not contain")]
    public void Select_InvalidRecord_ReportsProblemAndNoRecord(string text, string message)
    {
        // Given one candidate record that breaks RFC 8461 section 3.1
        // When it is selected
        var result = MtaStsRecord.Select([text]);

        // Then senders assume no policy and the reason is given
        Assert.Null(result.Record);
        Assert.Contains(result.Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Select_TwoRecords_NoRecordAndProblem()
    {
        // Given two v=STSv1 records (a forgotten old one)
        // When they are selected
        var result = MtaStsRecord.Select(["v=STSv1; id=1;", "v=STSv1; id=2;"]);

        // Then none is used and the duplication is reported
        Assert.Null(result.Record);
        Assert.Contains("2 TXT records", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NoCandidate_IsAbsentWithoutProblems()
    {
        // Given TXT records none of which start with v=STSv1 (case matters)
        // When they are selected
        var result = MtaStsRecord.Select(["V=STSV1; id=1;", "v=spf1 -all"]);

        // Then the domain has no MTA-STS record, which is not a violation
        Assert.True(result.IsAbsent);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Select_TruncatedAndGarbage_NeverThrows()
    {
        // Given a valid record cut at every offset, and long garbage
        const string Text = "v=STSv1; id=20160831085700Z; ext=1;";
        var random = new Random(31);
        var garbage = new string([.. Enumerable.Range(0, 100_000).Select(_ => (char)random.Next(0, 128))]);

        // When each is selected
        // Then results come back with bounded problems
        for (var length = 0; length <= Text.Length; length++)
        {
            var result = MtaStsRecord.Select([Text[..length]]);
            Assert.True(result.Record is not null || result.Problems.Count > 0 || result.IsAbsent, Text[..length]);
        }

        var big = MtaStsRecord.Select(["v=STSv1;" + garbage]);
        Assert.Null(big.Record);
        Assert.Single(big.Problems);
    }
}
