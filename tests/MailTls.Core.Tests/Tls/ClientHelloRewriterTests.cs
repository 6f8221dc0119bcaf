using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

public sealed class ClientHelloRewriterTests
{
    private static byte[] Raw(string name) => TlsTestData.ReadHex("ClientProfiles/raw/" + name + ".clienthello.hex");

    private static byte[] ProfileHello(string id) => Convert.FromHexString(
        TlsTestData.ReadText("ClientProfiles/profiles.tsv").Split('\n').Single(l => l.StartsWith(id + "\t", StringComparison.Ordinal)).Split('\t')[1]);

    private static ClientHelloInfo Parse(byte[] records)
    {
        Assert.Equal(ParseStatus.Done, ClientHelloReader.TryReadRecords(records, ParserLimits.Default, out var hello, out _, out _));
        return hello!;
    }

    [Fact]
    public void Rewrite_PostfixHelloWithoutSni_KeepsShapeAndLength()
    {
        // Given
        var recorded = Raw("postfix_3.7.11_debian12_default.conn1");
        var before = Parse(recorded);

        // When
        var rewritten = ClientHelloRewriter.Rewrite(recorded, serverName: null, ParserLimits.Default)!;
        var after = Parse(rewritten);

        // Then
        Assert.Equal(recorded.Length, rewritten.Length);
        Assert.Equal(before.CipherSuites.ToArray(), after.CipherSuites.ToArray());
        Assert.Equal(before.Extensions.ToArray(), after.Extensions.ToArray());
        Assert.Equal(before.KeyShares.ToArray(), after.KeyShares.ToArray());
        Assert.Equal(before.RecordVersion, after.RecordVersion);
        Assert.NotEqual(recorded.AsSpan(11, 32).ToArray(), rewritten.AsSpan(11, 32).ToArray()); // fresh random
    }

    [Fact]
    public void Rewrite_AddSni_InsertsItAndShrinksPadding()
    {
        // Given
        var recorded = Raw("postfix_3.7.11_debian12_default.conn1");

        // When
        var after = Parse(ClientHelloRewriter.Rewrite(recorded, "mx.example.net", ParserLimits.Default)!);
        var rewrittenLength = ClientHelloRewriter.Rewrite(recorded, "mx.example.net", ParserLimits.Default)!.Length;

        // Then
        Assert.Equal("mx.example.net", after.ServerName);
        Assert.Equal(TlsExtensionType.ServerName, after.Extensions[0].Type);
        Assert.Equal(recorded.Length, rewrittenLength);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("other.example.", "other.example")]
    public void Rewrite_RecordedSni_IsRemovedOrReplaced(string? serverName, string? expected)
    {
        // Given: posttls-finger -s mx.example.net
        var recorded = Raw("posttls_finger_secure_sni.conn1");
        Assert.Equal("mx.example.net", Parse(recorded).ServerName);

        // When
        var after = Parse(ClientHelloRewriter.Rewrite(recorded, serverName, ParserLimits.Default)!);

        // Then
        Assert.Equal(expected, after.ServerName);
    }

    [Fact]
    public void Rewrite_ResumptionHello_DropsPreSharedKey()
    {
        // Given
        var recorded = ProfileHello("postfix-3.7-debian12-may-resumption");
        Assert.True(Parse(recorded).HasExtension(TlsExtensionType.PreSharedKey));

        // When
        var after = Parse(ClientHelloRewriter.Rewrite(recorded, null, ParserLimits.Default)!);

        // Then
        Assert.False(after.HasExtension(TlsExtensionType.PreSharedKey));
        Assert.True(after.HasExtension(TlsExtensionType.KeyShare));
    }

    [Fact]
    public void Rewrite_HelloWithoutExtensions_KeepsItWithoutExtensions()
    {
        // Given
        var recorded = ClientHelloBuilder.BuildRecord(ClientHelloOptions.For(TlsProtocolVersion.Ssl3, [0x000A]));

        // When
        var after = Parse(ClientHelloRewriter.Rewrite(recorded, "ignored.example", ParserLimits.Default)!);

        // Then
        Assert.Empty(after.Extensions);
        Assert.Equal(new ushort[] { 0x000A, 0x00FF }, after.CipherSuites);
    }

    [Fact]
    public void Rewrite_NotAClientHello_ReturnsNull()
    {
        // Given
        var alert = Convert.FromHexString("15030300020228");

        // When
        var rewritten = ClientHelloRewriter.Rewrite(alert, null, ParserLimits.Default);

        // Then
        Assert.Null(rewritten);
    }
}
