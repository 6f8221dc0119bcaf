using System.Text;
using MailTls.Core.MtaSts;
using Xunit;

namespace MailTls.Core.Tests.MtaSts;

public class MtaStsPolicyTests
{
    private const string Good = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmax_age: 604800\n";

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Parse_ValidPolicy_ReturnsPolicyWithoutProblems(string newline)
    {
        // Given the RFC 8461 section 3.2 example with LF or CRLF line endings and trailing spaces
        var body = Encoding.UTF8.GetBytes(Good.Replace("\n", "  " + newline, StringComparison.Ordinal));

        // When it is parsed
        var result = MtaStsPolicy.Parse(body);

        // Then every field is read and nothing is reported
        Assert.Empty(result.Problems);
        var policy = Assert.IsType<MtaStsPolicy>(result.Policy);
        Assert.Equal(MtaStsMode.Enforce, policy.Mode);
        Assert.Equal(TimeSpan.FromDays(7), policy.MaxAge);
        Assert.Equal(["mail.example.com", "*.example.net"], policy.Mx.Select(m => m.Pattern));
        Assert.Equal(3, policy.Mx[0].Line);
        Assert.Equal(2, policy.ModeLine);
    }

    [Fact]
    public void Parse_UnknownKeysAndNoFinalNewline_IgnoresThem()
    {
        // Given extension keys and a last line without a line ending
        var body = Encoding.UTF8.GetBytes("version: STSv1\nfoo_bar: baz qux\nmode: testing\nmx: mx.example.com\nmax_age: 0");

        // When it is parsed
        var result = MtaStsPolicy.Parse(body);

        // Then the policy is usable and the extension is kept, not rejected
        Assert.Empty(result.Problems);
        Assert.Equal(MtaStsMode.Testing, result.Policy!.Mode);
        Assert.Equal("foo_bar", Assert.Single(result.Policy.Extensions).Key);
    }

    [Theory]
    [InlineData("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n", 1, "version is 'STSv2'")]
    [InlineData("version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n", 2, "mode is 'strict'")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n", 4, "max_age is '31557601'")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n", 4, "max_age is '-1'")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 12345678901\n", 4, "max_age is '12345678901'")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mail.*.example\nmax_age: 1\n", 3, "mx 'mail.*.example'")]
    [InlineData("version: STSv1\nmode: enforce\nmx: *\nmax_age: 1\n", 3, "mx '*'")]
    [InlineData("version: STSv1\nMode: enforce\nmx: a.example\nmax_age: 1\n", 2, "write 'mode' exactly")]
    [InlineData("version: STSv1\nmode enforce\nmx: a.example\nmax_age: 1\n", 2, "not a 'key: value' line")]
    [InlineData("version: STSv1\n mode: enforce\nmx: a.example\nmax_age: 1\n", 2, "no leading space")]
    [InlineData("version: STSv1\rmode: enforce\nmx: a.example\nmax_age: 1\n", 1, "carriage return without a line feed")]
    public void Parse_InvalidField_ReportsItsLineAndRejectsPolicy(string text, int line, string message)
    {
        // Given a policy with one broken required field
        var body = Encoding.UTF8.GetBytes(text);

        // When it is parsed
        var result = MtaStsPolicy.Parse(body);

        // Then the problem names its line and senders cannot use the policy
        Assert.Contains(result.Problems, p => p.Line == line && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Null(result.Policy);
    }

    [Theory]
    [InlineData("version: STSv1\n\nmode: enforce\nmx: a.example\nmax_age: 1\n", 2, "empty line")]
    [InlineData("version: STSv1\nmode: enforce\nmode: testing\nmx: a.example\nmax_age: 1\n", 3, "second 'mode:'")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmx: bad_host\nmax_age: 1\n", 4, "mx 'bad_host'")]
    public void Parse_NonFatalViolation_ReportsItAndKeepsPolicy(string text, int line, string message)
    {
        // Given a policy whose required fields are fine but which breaks the grammar elsewhere
        // When it is parsed
        var result = MtaStsPolicy.Parse(Encoding.UTF8.GetBytes(text));

        // Then the violation is reported and the policy is still what lenient senders use
        Assert.Contains(result.Problems, p => p.Line == line && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.NotNull(result.Policy);
    }

    [Fact]
    public void Parse_MissingFields_ReportsEachMissingField()
    {
        // Given a body with only a version line
        // When it is parsed
        var result = MtaStsPolicy.Parse("version: STSv1\n"u8);

        // Then mode, max_age and mx are each reported missing
        Assert.Null(result.Policy);
        Assert.Contains(result.Problems, p => p.Message.Contains("no 'mode:' line", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("no 'max_age:' line", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("no 'mx:' line", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ModeNoneWithoutMx_IsUsable()
    {
        // Given a policy that withdraws MTA-STS (mode none) and lists no MX host
        // When it is parsed
        var result = MtaStsPolicy.Parse("version: STSv1\nmode: none\nmax_age: 86400\n"u8);

        // Then it is a valid policy
        Assert.Empty(result.Problems);
        Assert.Equal(MtaStsMode.None, result.Policy!.Mode);
    }

    [Fact]
    public void Parse_OneMegabyte_RejectedWithoutReading()
    {
        // Given a 1 MB body that starts with a valid policy
        var body = new byte[1024 * 1024];
        Array.Fill(body, (byte)'a');
        Encoding.UTF8.GetBytes(Good).CopyTo(body, 0);

        // When it is parsed
        var result = MtaStsPolicy.Parse(body);

        // Then it is rejected for its size alone
        Assert.Null(result.Policy);
        Assert.Contains("at most 65536", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(result.Lines);
    }

    [Fact]
    public void Parse_TruncatedAtEveryOffset_NeverThrows()
    {
        // Given the valid policy cut at every byte
        var body = Encoding.UTF8.GetBytes(Good);
        for (var length = 0; length <= body.Length; length++)
        {
            // When each prefix is parsed
            var result = MtaStsPolicy.Parse(body.AsSpan(0, length));

            // Then a usable policy comes back exactly once max_age, the last required field, has a digit
            var complete = length > Good.IndexOf("max_age: ", StringComparison.Ordinal) + "max_age: ".Length;
            Assert.True(complete == result.Policy is not null, $"prefix {length}");
            Assert.True(result.Policy is not null || result.Problems.Count > 0, $"prefix {length}");
        }
    }

    [Fact]
    public void Parse_RandomGarbage_BoundedProblems()
    {
        // Given random bytes, newlines included
        var random = new Random(8461);
        for (var round = 0; round < 200; round++)
        {
            var body = new byte[random.Next(1, 4096)];
            random.NextBytes(body);

            // When they are parsed
            var result = MtaStsPolicy.Parse(body);

            // Then problems are reported, bounded, and quoted lines are printable
            Assert.InRange(result.Problems.Count, 1, MtaStsPolicy.MaxProblems + 4);
            Assert.All(result.Lines, l => Assert.DoesNotContain(l, c => c is < ' ' or > '~'));
        }
    }

    [Fact]
    public void Parse_InvalidUtf8_Reported()
    {
        // Given a body with a byte that is not UTF-8
        var body = Encoding.UTF8.GetBytes(Good).Concat(new byte[] { 0xff, (byte)'\n' }).ToArray();

        // When it is parsed
        var result = MtaStsPolicy.Parse(body);

        // Then the encoding problem is reported
        Assert.Contains(result.Problems, p => p.Message.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Covers_HostsAgainstPatterns_FollowsSection41()
    {
        // Given a policy with a host and a wildcard pattern
        var policy = MtaStsPolicy.Parse(Encoding.UTF8.GetBytes(Good)).Policy!;

        // When hosts are checked
        // Then the exact host and one label under the wildcard match, nothing else does
        Assert.True(policy.Covers("MAIL.example.com."));
        Assert.True(policy.Covers("mx1.example.net"));
        Assert.False(policy.Covers("example.net"));
        Assert.False(policy.Covers("a.mx1.example.net"));
        Assert.False(policy.Covers("other.example.com"));
    }

    [Theory]
    [InlineData("version: STSv1\nmode: enforce\nmx: *.messagingengine.com\nmax_age: 604800\n", "fastmail.com secure match=.messagingengine.com")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.example.net\nmx: MX1.example.com\nmax_age: 1\n", "fastmail.com secure match=mx1.example.com:.example.net")]
    [InlineData("version: STSv1\nmode: testing\nmx: *.messagingengine.com\nmax_age: 604800\n", null)]
    public void ToPostfixPolicyEntry_Policy_SecureWithMatchNames(string text, string? expected)
    {
        // Given a policy
        var policy = MtaStsPolicy.Parse(Encoding.UTF8.GetBytes(text)).Policy!;

        // When it is turned into a Postfix TLS policy table entry
        var entry = policy.ToPostfixPolicyEntry("fastmail.com.");

        // Then an enforce policy becomes secure with its patterns as match= names; others have none
        Assert.Equal(expected, entry);
    }
}
