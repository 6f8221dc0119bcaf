using MailTls.Core.Postfix;
using Xunit;

namespace MailTls.Core.Tests.Postfix;

public class ParameterExpanderTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["myhostname"] = "mx.example.com",
        ["mydomain"] = "example.com",
        ["empty"] = "",
        ["ten"] = "10",
        ["nested"] = "$myhostname and ${mydomain}",
        ["loop_a"] = "$loop_b",
        ["loop_b"] = "x $loop_a",
        ["wide0"] = "$wide1$wide1$wide1$wide1",
        ["wide1"] = "$wide2$wide2$wide2$wide2",
        ["wide2"] = "$wide3$wide3$wide3$wide3",
        ["wide3"] = "$wide4$wide4$wide4$wide4",
        ["wide4"] = "$wide5$wide5$wide5$wide5",
        ["wide5"] = "$wide6$wide6$wide6$wide6",
        ["wide6"] = "$wide7$wide7$wide7$wide7",
        ["wide7"] = "$wide8$wide8$wide8$wide8",
        ["wide8"] = "$wide9$wide9$wide9$wide9",
        ["wide9"] = "$wide10$wide10$wide10$wide10",
        ["wide10"] = "$wide11$wide11$wide11$wide11",
        ["wide11"] = "$wide12$wide12$wide12$wide12",
        ["wide12"] = "0123456789",
    };

    [Theory]
    [InlineData("$myhostname", "mx.example.com")]
    [InlineData("${myhostname}", "mx.example.com")]
    [InlineData("$(myhostname)", "mx.example.com")]
    [InlineData("mail.$mydomain!", "mail.example.com!")]
    [InlineData("$nested", "mx.example.com and example.com")]
    [InlineData("$$myhostname", "$myhostname")]
    [InlineData("$undefined_name!", "!")]
    [InlineData("${myhostname?yes}", "yes")]
    [InlineData("${empty?yes}", "")]
    [InlineData("${empty:fallback}", "fallback")]
    [InlineData("${myhostname:fallback}", "")]
    [InlineData("${myhostname?{yes}:{no}}", "yes")]
    [InlineData("${empty?{yes}:{no}}", "no")]
    [InlineData("${empty?{yes}:no}", "no")]
    [InlineData("${mydomain?{$myhostname}}", "mx.example.com")]
    [InlineData("${{$myhostname} == {mx.example.com}?{eq}:{ne}}", "eq")]
    [InlineData("${{$ten} < {9}?{lt}:{ge}}", "ge")]
    [InlineData("${{abc} < {abd}?{lt}:{ge}}", "lt")]
    [InlineData("${{$ten} != {10}?{ne}}", "")]
    [InlineData("${{2} >= {2}:{below}}", "")]
    [InlineData("cost: 5$", "cost: 5$")]
    [InlineData("a $ b", "a $ b")]
    public void Expand_Reference_MatchesPostconfRules(string raw, string expected)
    {
        // Given a value with references
        var expander = new ParameterExpander(n => Values.GetValueOrDefault(n));

        // When it is expanded
        var value = expander.Expand(raw);

        // Then the result is what postconf -x prints
        Assert.Equal(expected, value);
        Assert.Empty(expander.Problems);
    }

    [Fact]
    public void Expand_Undefined_IsRecorded()
    {
        // Given a reference to a name nothing defines
        var expander = new ParameterExpander(n => Values.GetValueOrDefault(n));

        // When it is expanded
        expander.Expand("$no_such_parameter");

        // Then it is listed as undefined
        Assert.Equal(["no_such_parameter"], expander.Undefined);
    }

    [Fact]
    public void Expand_Loop_ReportsNestingInsteadOfRecursingForever()
    {
        // Given two parameters that refer to each other
        var expander = new ParameterExpander(n => Values.GetValueOrDefault(n));

        // When one is expanded
        expander.Expand("$loop_a");

        // Then it stops with Postfix's complaint
        Assert.Contains(expander.Problems, p => p.Contains("unreasonable macro call nesting", StringComparison.Ordinal));
    }

    [Fact]
    public void Expand_DeeplyNestedConditionals_StopAtTheNestingLimit()
    {
        // Given a hostile value that nests 2,000 conditionals on a set parameter
        var expander = new ParameterExpander(n => Values.GetValueOrDefault(n));
        var value = string.Concat(Enumerable.Repeat("${myhostname?", 2000)) + "x" + new string('}', 2000);

        // When expanded
        var result = expander.Expand(value);

        // Then it stops with the nesting complaint instead of recursing 2,000 levels deep
        Assert.Equal(string.Empty, result);
        Assert.Contains(expander.Problems, p => p.Contains("unreasonable macro call nesting", StringComparison.Ordinal));
    }

    [Fact]
    public void Expand_ExponentialFanOut_IsBounded()
    {
        // Given references that multiply by 4 at each of 12 levels (4^12 x 10 characters)
        var expander = new ParameterExpander(n => Values.GetValueOrDefault(n));

        // When expanded
        var value = expander.Expand("$wide0");

        // Then the work stops at the bound with a problem, not after gigabytes
        Assert.True(value.Length <= ParameterExpander.MaxExpandedCharacters);
        Assert.Contains(expander.Problems, p => p.Contains("more than", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("${myhostname")]
    [InlineData("${}")]
    [InlineData("${myhostname!x}")]
    [InlineData("${{a} ~ {b}?{x}}")]
    [InlineData("${{a} == {b}}")]
    [InlineData("${myhostname?{yes}x}")]
    public void Expand_BadSyntax_ReportsProblem(string raw)
    {
        // Given malformed reference syntax
        var expander = new ParameterExpander(n => Values.GetValueOrDefault(n));

        // When expanded
        expander.Expand(raw);

        // Then a problem is reported and nothing throws
        Assert.NotEmpty(expander.Problems);
    }
}
