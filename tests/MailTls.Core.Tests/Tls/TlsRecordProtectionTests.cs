using System.Security.Cryptography;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

public sealed class TlsRecordProtectionTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");

    [Fact]
    public void Seal_Tls12_RecordCarriesExplicitNonceAndOpensOnThePeerSide()
    {
        // Given: the two ends of one direction
        using var sender = TlsRecordProtection.ForTls12(Key, [1, 2, 3, 4]);
        using var receiver = TlsRecordProtection.ForTls12(Key, [1, 2, 3, 4]);

        // When: two records, so the sequence number moves
        var first = sender.Seal(TlsContentType.Handshake, "finished"u8);
        var second = sender.Seal(TlsContentType.ApplicationData, "QUIT\r\n"u8);

        // Then: type kept in the header, 8-byte explicit nonce + 16-byte tag, and both open in order
        Assert.Equal((byte)TlsContentType.Handshake, first[0]);
        Assert.Equal(TlsRecord.HeaderLength + 8 + 8 + 16, first.Length);
        Assert.True(receiver.TryOpen(TlsContentType.Handshake, first.AsSpan(TlsRecord.HeaderLength), out var type1, out var plain1));
        Assert.True(receiver.TryOpen(TlsContentType.ApplicationData, second.AsSpan(TlsRecord.HeaderLength), out var type2, out var plain2));
        Assert.Equal((TlsContentType.Handshake, "finished"), (type1, System.Text.Encoding.ASCII.GetString(plain1)));
        Assert.Equal((TlsContentType.ApplicationData, "QUIT\r\n"), (type2, System.Text.Encoding.ASCII.GetString(plain2)));
    }

    [Fact]
    public void Seal_Tls13_HidesTheTypeAsApplicationDataAndTheReceiverRecoversIt()
    {
        // Given
        var secret = new byte[32];
        using var sender = TlsRecordProtection.ForTls13(HashAlgorithmName.SHA256, secret, 16);
        using var receiver = TlsRecordProtection.ForTls13(HashAlgorithmName.SHA256, secret, 16);

        // When
        var record = sender.Seal(TlsContentType.Alert, [1, 0]);

        // Then: RFC 8446 section 5.2, outer type application_data, inner type alert
        Assert.Equal((byte)TlsContentType.ApplicationData, record[0]);
        Assert.True(receiver.TryOpen(TlsContentType.ApplicationData, record.AsSpan(TlsRecord.HeaderLength), out var type, out var plaintext));
        Assert.Equal(TlsContentType.Alert, type);
        Assert.Equal([1, 0], plaintext);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryOpen_TamperedOrShortRecord_ReturnsFalse(bool tls13)
    {
        // Given
        using var sender = tls13 ? TlsRecordProtection.ForTls13(HashAlgorithmName.SHA256, new byte[32], 16) : TlsRecordProtection.ForTls12(Key, [9, 9, 9, 9]);
        using var receiver = tls13 ? TlsRecordProtection.ForTls13(HashAlgorithmName.SHA256, new byte[32], 16) : TlsRecordProtection.ForTls12(Key, [9, 9, 9, 9]);
        var record = sender.Seal(TlsContentType.Handshake, "data"u8);
        var outer = (TlsContentType)record[0];
        record[^1] ^= 1;

        // When / Then: a flipped tag bit and a fragment shorter than the overhead both fail without throwing
        Assert.False(receiver.TryOpen(outer, record.AsSpan(TlsRecord.HeaderLength), out _, out _));
        Assert.False(receiver.TryOpen(outer, record.AsSpan(TlsRecord.HeaderLength, 10), out _, out _));
    }

    [Fact]
    public void ForTls12_SaltNotFourBytes_Throws() =>
        Assert.Throws<ArgumentException>(() => TlsRecordProtection.ForTls12(Key, new byte[12]));
}
