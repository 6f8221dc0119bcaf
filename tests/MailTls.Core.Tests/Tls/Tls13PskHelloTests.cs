using System.Security.Cryptography;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

public sealed class Tls13PskHelloTests
{
    private static ClientHelloOptions Options() =>
        ClientHelloOptions.For(TlsProtocolVersion.Tls13, [0x1301]) with { Random = new byte[32], SessionId = new byte[32], KeyShareFactory = _ => new byte[65], PadToLength = 512 };

    [Fact]
    public void Build_Ticket_AppendsPreSharedKeyLastWithConsistentLengths()
    {
        // When
        var hello = Tls13PskHello.Build(Options(), [1, 2, 3], 42, HashAlgorithmName.SHA256, new byte[32]);

        // Then: our own reader accepts the hello, pre_shared_key is the last extension (RFC 8446 section 4.2.11)
        Assert.Equal(ParseStatus.Done, TlsHandshakeMessage.TryRead(hello, ParserLimits.Default, out var message, out var consumed, out _));
        Assert.Equal(hello.Length, consumed);
        Assert.Equal(ParseStatus.Done, ClientHelloReader.TryRead(message, ParserLimits.Default, out var info, out _, out _));
        Assert.Equal(TlsExtensionType.PreSharedKey, info!.Extensions[^1].Type);
        Assert.DoesNotContain(info.Extensions, e => e.Type == TlsExtensionType.Padding);
        // identities: 2 + (2 + 3 + 4); binders: 2 + (1 + 32)
        Assert.Equal(2 + 9 + 2 + 33, info.Extensions[^1].Length);
    }

    [Fact]
    public void Build_OtherPsk_ChangesOnlyTheBinder()
    {
        // When: the same hello for two PSKs
        var one = Tls13PskHello.Build(Options(), [1, 2, 3], 42, HashAlgorithmName.SHA256, new byte[32]);
        var other = Tls13PskHello.Build(Options(), [1, 2, 3], 42, HashAlgorithmName.SHA256, Enumerable.Repeat((byte)1, 32).ToArray());

        // Then: everything up to the binder is the same; the 32-byte binder differs
        Assert.Equal(one.Length, other.Length);
        Assert.Equal(one.AsSpan(0, one.Length - 32).ToArray(), other.AsSpan(0, other.Length - 32).ToArray());
        Assert.NotEqual(one.AsSpan(one.Length - 32).ToArray(), other.AsSpan(other.Length - 32).ToArray());
    }

    [Fact]
    public void Build_Tls12Hello_Throws() =>
        Assert.Throws<ArgumentException>(() => Tls13PskHello.Build(ClientHelloOptions.For(TlsProtocolVersion.Tls12, [0xC02F]), [1], 0, HashAlgorithmName.SHA256, new byte[32]));
}
