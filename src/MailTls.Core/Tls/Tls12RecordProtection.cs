using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MailTls.Core.Tls;

/// <summary>
/// TLS 1.2 AES-GCM record protection (RFC 5288 section 3): a 4-byte implicit salt from the key
/// block and an 8-byte explicit nonce sent at the front of each record (here the sequence number);
/// the additional data is seq_num + type + version + plaintext length (RFC 5246 section 6.2.3.3).
/// </summary>
public sealed class Tls12RecordProtection : ITlsRecordProtection
{
    private const int TagLength = 16;
    private const int SaltLength = 4;
    private const int ExplicitNonceLength = 8;
    private const ushort RecordVersion = (ushort)TlsProtocolVersion.Tls12;

    private readonly AesGcm _aead;
    private readonly byte[] _salt;
    private ulong _sequence;

    /// <summary>Creates the protection from the key block's write key and 4-byte write IV (the salt).</summary>
    /// <exception cref="ArgumentException">The salt is not 4 bytes.</exception>
    public Tls12RecordProtection(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt)
    {
        if (salt.Length != SaltLength)
        {
            throw new ArgumentException("The GCM salt is 4 bytes.", nameof(salt));
        }

        _aead = new AesGcm(key, TagLength);
        _salt = salt.ToArray();
    }

    /// <inheritdoc/>
    public byte[] Seal(TlsContentType type, ReadOnlySpan<byte> plaintext)
    {
        var fragmentLength = ExplicitNonceLength + plaintext.Length + TagLength;
        var record = new byte[TlsRecord.HeaderLength + fragmentLength];
        record[0] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(1), RecordVersion);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), (ushort)fragmentLength);
        var fragment = record.AsSpan(TlsRecord.HeaderLength);
        var nonce = new byte[SaltLength + ExplicitNonceLength];
        _salt.CopyTo(nonce, 0);
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(SaltLength), _sequence);
        nonce.AsSpan(SaltLength).CopyTo(fragment);
        _aead.Encrypt(nonce, plaintext, fragment.Slice(ExplicitNonceLength, plaintext.Length), fragment[(ExplicitNonceLength + plaintext.Length)..], AdditionalData(type, plaintext.Length));
        _sequence++;
        return record;
    }

    /// <inheritdoc/>
    public bool TryDecrypt(ReadOnlySpan<byte> header, ReadOnlySpan<byte> encrypted, out TlsContentType type, out byte[] content)
    {
        type = header.IsEmpty ? default : (TlsContentType)header[0];
        content = [];
        if (header.Length != TlsRecord.HeaderLength || encrypted.Length < ExplicitNonceLength + TagLength)
        {
            return false;
        }

        var length = encrypted.Length - ExplicitNonceLength - TagLength;
        var plaintext = new byte[length];
        byte[] nonce = [.. _salt, .. encrypted[..ExplicitNonceLength]];
        try
        {
            _aead.Decrypt(nonce, encrypted.Slice(ExplicitNonceLength, length), encrypted[(ExplicitNonceLength + length)..], plaintext, AdditionalData(type, length));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        _sequence++;
        content = plaintext;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _aead.Dispose();

    private byte[] AdditionalData(TlsContentType type, int plaintextLength)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt64BigEndian(data, _sequence);
        data[8] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(9), RecordVersion);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(11), (ushort)plaintextLength);
        return data;
    }
}
