using MailTls.Core.Postfix;
using Xunit;
using P = MailTls.Core.Postfix.PostfixProtocol;

namespace MailTls.Core.Tests.Postfix;

public class ProtocolListEvaluatorTests
{
    private static readonly PostfixVersion Postfix37 = new(3, 7, 11);
    private static readonly Version OpenSsl3 = new(3, 0, 15);

    [Fact]
    public void Evaluate_ScenarioOneExclusions_ServerAcceptsOnlyTls12And13()
    {
        // Given scenario 1's list on today's Postfix and OpenSSL
        // When evaluated
        var result = ProtocolListEvaluator.Evaluate("!SSLv2,!TLSv1,!TLSv1.1,!SSLv3", Postfix37, OpenSsl3);

        // Then TLS 1.0 and 1.1 senders are refused
        Assert.True(result.IsValid);
        Assert.Equal([P.Tls12, P.Tls13], result.ServerAccepts);
    }

    [Fact]
    public void Evaluate_ScenarioOneOnDebian7_ServerAcceptsOnlyTls12()
    {
        // Given the same list on the scenario's Postfix 2.9.6 with OpenSSL 1.0.1e (no TLS 1.3)
        // When evaluated
        var result = ProtocolListEvaluator.Evaluate("!SSLv2,!TLSv1,!TLSv1.1,!SSLv3", new PostfixVersion(2, 9, 6), new Version(1, 0, 1));

        // Then only TLS 1.2 is left
        Assert.Equal([P.Tls12], result.ServerAccepts);
    }

    [Fact]
    public void Evaluate_ScenarioTwoOn266_IsInvalid()
    {
        // Given scenario 2's inclusion list on Postfix 2.6.6, which knows only SSLv2, SSLv3 and TLSv1
        // When evaluated
        var result = ProtocolListEvaluator.Evaluate("TLSv1.2, TLSv1.1, !TLSv1, !SSLv2, !SSLv3", new PostfixVersion(2, 6, 6), new Version(1, 0, 1));

        // Then Postfix refuses the whole list at the first unknown name
        Assert.False(result.IsValid);
        Assert.Equal("TLSv1.2", result.InvalidToken);
    }

    [Fact]
    public void Evaluate_SameListOn2615_IsValid()
    {
        // Given the same list on 2.6.15, which learned the TLSv1.1/1.2 names
        var result = ProtocolListEvaluator.Evaluate("TLSv1.2, TLSv1.1, !TLSv1, !SSLv2, !SSLv3", new PostfixVersion(2, 6, 15), new Version(1, 0, 1));

        // Then it means TLS 1.1 and 1.2
        Assert.True(result.IsValid);
        Assert.Equal([P.Tls11, P.Tls12], result.ServerAccepts);
    }

    [Theory]
    [InlineData(">=TLSv1.2", new[] { P.Tls12, P.Tls13 })]
    [InlineData(">=TLSv1", new[] { P.Tls10, P.Tls11, P.Tls12, P.Tls13 })]
    [InlineData(">=0x0303", new[] { P.Tls12, P.Tls13 })]
    [InlineData(">=303", new[] { P.Tls12, P.Tls13 })]
    [InlineData(">=TLSv1.1 <=TLSv1.2", new[] { P.Tls11, P.Tls12 })]
    [InlineData("!SSLv2,!SSLv3,TLSv1.2", new[] { P.Tls12 })]
    [InlineData("TLSv1.2, !TLSv1.2", new P[0])]
    [InlineData("SSLv2", new[] { P.Tls10, P.Tls11, P.Tls12, P.Tls13 })]
    [InlineData("", new[] { P.Tls10, P.Tls11, P.Tls12, P.Tls13 })]
    [InlineData("tlsv1.2:tlsv1.3", new[] { P.Tls12, P.Tls13 })]
    public void Evaluate_Postfix37_ServerAcceptsAsVerified(string list, P[] expected)
    {
        // Given lists whose meaning the reference verified with posttls-finger on 3.7.11
        // When evaluated
        var result = ProtocolListEvaluator.Evaluate(list, Postfix37, OpenSsl3);

        // Then the accepted protocols match
        Assert.True(result.IsValid, result.InvalidToken);
        Assert.Equal(expected, result.ServerAccepts);
    }

    [Theory]
    [InlineData(">=SSLv2")]
    [InlineData(">=TLSv1.4")]
    [InlineData("TLSv1.4")]
    [InlineData(">=0xZZ")]
    [InlineData("!TLSv9")]
    public void Evaluate_UnknownToken_IsInvalid(string list)
    {
        // Given tokens 3.7 rejects
        var result = ProtocolListEvaluator.Evaluate(list, Postfix37, OpenSsl3);

        // Then the list is invalid and names the token
        Assert.False(result.IsValid);
        Assert.NotNull(result.InvalidToken);
    }

    [Fact]
    public void Evaluate_BoundsBefore36_AreInvalid()
    {
        // Given the 3.6 ">=" syntax on 3.5
        var result = ProtocolListEvaluator.Evaluate(">=TLSv1.2", new PostfixVersion(3, 5, 9), OpenSsl3);

        // Then 3.5 does not know it
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Evaluate_SpaceAfterBound_IsPitfallMeaningOnlyThatProtocol()
    {
        // Given ">= TLSv1.2" with a space, which 3.7 splits into two tokens
        var result = ProtocolListEvaluator.Evaluate(">= TLSv1.2", Postfix37, OpenSsl3);

        // Then it means TLS 1.2 only, and the pitfall is explained
        Assert.True(result.IsValid);
        Assert.Equal([P.Tls12], result.ServerAccepts);
        Assert.Contains(result.Pitfalls, p => p.Contains("space", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_Tls13NameOn33_HasNoEffect()
    {
        // Given "!TLSv1.3" on 3.3.1, where the name maps to no bit
        var result = ProtocolListEvaluator.Evaluate("!TLSv1.3", new PostfixVersion(3, 3, 1), new Version(1, 1, 1));

        // Then TLS 1.3 stays on and the pitfall says why
        Assert.Contains(P.Tls13, result.ServerAccepts);
        Assert.Contains(result.Pitfalls, p => p.Contains("no effect", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_HoleInList_ClientTruncatesServerDoesNot()
    {
        // Given a list with a hole at TLS 1.1
        var result = ProtocolListEvaluator.Evaluate("!SSLv2, !SSLv3, !TLSv1.1", Postfix37, OpenSsl3);

        // Then a server accepts each remaining version, a client only TLS 1.0 (postconf(5)'s example)
        Assert.Equal([P.Tls10, P.Tls12, P.Tls13], result.ServerAccepts);
        Assert.Equal([P.Tls10], result.ClientOffers);
    }

    [Fact]
    public void Evaluate_PolicyTableSyntax_SplitsOnColonOnly()
    {
        // Given a policy table attribute value
        var result = ProtocolListEvaluator.Evaluate(">=TLSv1.2:<=TLSv1.3", Postfix37, OpenSsl3, policyTableSyntax: true);

        // Then both bounds are read
        Assert.Equal((P.Tls12, P.Tls13), (result.Floor!.Value, result.Ceiling!.Value));
    }

    [Fact]
    public void Evaluate_HexBoundOpenSslRejects_IsPitfallNotInvalid()
    {
        // Given a bound OpenSSL has no protocol for
        var result = ProtocolListEvaluator.Evaluate(">=0x0305", Postfix37, OpenSsl3);

        // Then Postfix accepts the list and the bound is ignored
        Assert.True(result.IsValid);
        Assert.Null(result.Floor);
        Assert.Contains(result.Pitfalls, p => p.Contains("0x0305", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,,::  ")]
    [InlineData("!!TLSv1")]
    [InlineData(">=")]
    [InlineData("<=<=")]
    public void Evaluate_OddInput_NeverThrows(string list)
    {
        // Given odd but possible values
        // When evaluated, Then a result comes back
        Assert.NotNull(ProtocolListEvaluator.Evaluate(list, Postfix37, OpenSsl3));
    }

    [Theory]
    [InlineData("3.7.11", 3, 7, 11)]
    [InlineData("2.6.6", 2, 6, 6)]
    [InlineData("3.10-20240101", 3, 10, 0)]
    [InlineData("3.9", 3, 9, 0)]
    public void PostfixVersionTryParse_Valid_Parses(string text, int major, int minor, int patch)
    {
        Assert.True(PostfixVersion.TryParse(text, out var v));
        Assert.Equal(new PostfixVersion(major, minor, patch), v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("x.y")]
    [InlineData("3.7.11.2")]
    public void PostfixVersionTryParse_Invalid_Fails(string text)
    {
        Assert.False(PostfixVersion.TryParse(text, out _));
    }
}
