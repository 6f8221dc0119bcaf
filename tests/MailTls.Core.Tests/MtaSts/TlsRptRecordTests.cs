using MailTls.Core.MtaSts;
using Xunit;

namespace MailTls.Core.Tests.MtaSts;

public class TlsRptRecordTests
{
    [Theory]
    [InlineData("v=TLSRPTv1; rua=mailto:tlsrpt@example.com", 1)]
    [InlineData("v=TLSRPTv1;rua=mailto:a@example.com , https://reports.example.com/v1/tlsrpt;", 2)]
    public void Select_ValidRecord_ReturnsUris(string text, int count)
    {
        // Given a valid record
        // When it is selected
        var result = TlsRptRecord.Select([text]);

        // Then its report URIs are read
        Assert.Empty(result.Problems);
        Assert.Equal(count, result.Record!.ReportUris.Count);
    }

    [Theory]
    [InlineData("v=TLSRPTv1;", "no 'rua' field")]
    [InlineData("v=TLSRPTv1; rua=ftp://example.com/x", "allows only mailto: and https:")]
    [InlineData("v=TLSRPTv1; rua=http://example.com/x", "allows only mailto: and https:")]
    [InlineData("v=TLSRPTv1; rua=mailto:example.com", "has no mailbox")]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com,", "empty report URI")]
    [InlineData("v=TLSRPTv1; rua=tlsrpt@example.com", "is not a URI")]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com", "second 'rua'")]
    public void Select_InvalidRecord_ReportsProblem(string text, string message)
    {
        // Given a record that breaks RFC 8460 section 3
        // When it is selected
        var result = TlsRptRecord.Select([text]);

        // Then no record is used and the reason is given
        Assert.Null(result.Record);
        Assert.Contains(result.Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Select_TruncatedAtEveryOffset_NeverThrows()
    {
        // Given a valid record cut at every offset
        const string Text = "v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.com/x;";
        for (var length = 0; length <= Text.Length; length++)
        {
            // When each prefix is selected
            var result = TlsRptRecord.Select([Text[..length]]);

            // Then the outcome is a record, problems, or absence; never an exception
            Assert.True(result.Record is not null || result.Problems.Count > 0 || result.IsAbsent, Text[..length]);
        }
    }
}
