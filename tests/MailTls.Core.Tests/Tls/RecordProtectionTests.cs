using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

/// <summary>Sealing by mailtls's own client, opened by the other end of the same key (TLS 1.2 GCM and TLS 1.3).</summary>
public sealed class RecordProtectionTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");

    public static TheoryData<string> Kinds => ["tls12-gcm", "tls13-aes128", "tls13-aes256"];

    private static ITlsRecordProtection Create(string kind) => kind switch
    {
        "tls12-gcm" => new Tls12RecordProtection(Key, [1, 2, 3, 4]),
        "tls13-aes128" => Tls13RecordProtection.FromTrafficSecret(0x1301, new byte[32]),
        _ => Tls13RecordProtection.FromTrafficSecret(0x1302, new byte[48]),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Seal_TwoRecords_OpenInOrderOnThePeerSideWithTheirTypes(string kind)
    {
        // Given: the two ends of one direction
        using var sender = Create(kind);
        using var receiver = Create(kind);

        // When: two records, so the sequence number moves
        var first = sender.Seal(TlsContentType.Handshake, "finished"u8);
        var second = sender.Seal(TlsContentType.Alert, [1, 0]);

        // Then
        Assert.True(receiver.TryDecrypt(first.AsSpan(0, TlsRecord.HeaderLength), first.AsSpan(TlsRecord.HeaderLength), out var type1, out var plain1));
        Assert.True(receiver.TryDecrypt(second.AsSpan(0, TlsRecord.HeaderLength), second.AsSpan(TlsRecord.HeaderLength), out var type2, out var plain2));
        Assert.Equal((TlsContentType.Handshake, "finished"), (type1, System.Text.Encoding.ASCII.GetString(plain1)));
        Assert.Equal(TlsContentType.Alert, type2);
        Assert.Equal([1, 0], plain2);
    }

    [Fact]
    public void Seal_Tls12_KeepsTheTypeAndSendsTheExplicitNonce()
    {
        using var sender = Create("tls12-gcm");

        var record = sender.Seal(TlsContentType.Handshake, "finished"u8);

        // RFC 5288 section 3: header, 8-byte explicit nonce, ciphertext, 16-byte tag
        Assert.Equal((byte)TlsContentType.Handshake, record[0]);
        Assert.Equal(TlsRecord.HeaderLength + 8 + 8 + 16, record.Length);
    }

    [Fact]
    public void Seal_Tls13_HidesTheTypeAsApplicationData()
    {
        using var sender = Create("tls13-aes128");

        var record = sender.Seal(TlsContentType.Alert, [1, 0]);

        // RFC 8446 section 5.2: outer type application_data, inner plaintext = content + type, 16-byte tag
        Assert.Equal((byte)TlsContentType.ApplicationData, record[0]);
        Assert.Equal(TlsRecord.HeaderLength + 2 + 1 + 16, record.Length);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TryDecrypt_TamperedOrShortRecord_ReturnsFalse(string kind)
    {
        // Given
        using var sender = Create(kind);
        using var receiver = Create(kind);
        var record = sender.Seal(TlsContentType.Handshake, "data"u8);
        record[^1] ^= 1;

        // When / Then: a flipped tag bit and a fragment shorter than the overhead both fail without throwing
        Assert.False(receiver.TryDecrypt(record.AsSpan(0, TlsRecord.HeaderLength), record.AsSpan(TlsRecord.HeaderLength), out _, out _));
        Assert.False(receiver.TryDecrypt(record.AsSpan(0, TlsRecord.HeaderLength), record.AsSpan(TlsRecord.HeaderLength, 10), out _, out _));
    }

    [Fact]
    public void Constructors_BadSaltOrUnknownSuite_Throw()
    {
        Assert.Throws<ArgumentException>(() => new Tls12RecordProtection(Key, new byte[12]));
        Assert.Throws<ArgumentException>(() => Tls13RecordProtection.FromTrafficSecret(0x1304, new byte[32]));
    }
}
