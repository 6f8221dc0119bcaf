using Xunit;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

public sealed class SslV2ClientHelloBuilderTests
{
    [Fact]
    public void Build_Ssl2WithTwoKinds_MatchesGoldenBytes()
    {
        // Given
        var challenge = Enumerable.Repeat((byte)0xAB, 16).ToArray();

        // When
        var hello = SslV2ClientHelloBuilder.Build(TlsProtocolVersion.Ssl2, [SslV2ClientHelloBuilder.Rc4128WithMd5, SslV2ClientHelloBuilder.Des192Ede3CbcWithMd5], challenge);

        // Then: 0x8000|31, type 1, version 0002, specs 6, session 0, challenge 16
        Assert.Equal("801F" + "01" + "0002" + "0006" + "0000" + "0010" + "010080" + "0700C0" + string.Concat(Enumerable.Repeat("AB", 16)), Convert.ToHexString(hello));
    }

    [Fact]
    public void Build_CompatibleHelloWithTlsSuites_EncodesThreeByteSpecs()
    {
        // Given / When
        var hello = SslV2ClientHelloBuilder.Build(TlsProtocolVersion.Tls10, [0x00002F]);

        // Then
        Assert.Equal(0x80, hello[0] & 0x80);
        Assert.Equal(hello.Length - 2, ((hello[0] & 0x7F) << 8) | hello[1]);
        Assert.Equal(new byte[] { 0x03, 0x01 }, hello[3..5]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x2F }, hello[11..14]);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(33)]
    public void Build_BadChallengeLength_Throws(int length)
    {
        // Given
        var challenge = new byte[length];

        // When / Then
        Assert.Throws<ArgumentException>(() => SslV2ClientHelloBuilder.Build(TlsProtocolVersion.Ssl2, SslV2ClientHelloBuilder.AllSslV2CipherKinds, challenge));
    }

    [Fact]
    public void Build_SpecOver24Bits_Throws()
    {
        // Given / When / Then
        Assert.Throws<ArgumentException>(() => SslV2ClientHelloBuilder.Build(TlsProtocolVersion.Ssl2, [0x1000000]));
    }
}
