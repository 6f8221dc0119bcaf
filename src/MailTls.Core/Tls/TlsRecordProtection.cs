using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MailTls.Core.Tls;

/// <summary>
/// AES-GCM protection of the records of one direction of a connection, with its sequence number:
/// TLS 1.2 as RFC 5288 section 3 (4-byte implicit salt, 8-byte explicit nonce sent in the record)
/// and TLS 1.3 as RFC 8446 section 5.2 (per-record nonce = IV XOR sequence number, inner content type).
/// Opening never throws on peer data: a record that does not authenticate returns false.
/// </summary>
public sealed class TlsRecordProtection : IDisposable
{
    private const int TagLength = 16;
    private const int NonceLength = 12;
    private const int ExplicitNonceLength = 8;
    private const ushort RecordVersion = (ushort)TlsProtocolVersion.Tls12;

    private readonly AesGcm _aead;
    private readonly byte[] _iv;
    private readonly bool _tls13;
    private ulong _sequence;

    private TlsRecordProtection(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, bool tls13)
    {
        _aead = new AesGcm(key, TagLength);
        _iv = iv.ToArray();
        _tls13 = tls13;
    }

    /// <summary>TLS 1.2 AES-GCM: <paramref name="salt"/> is the 4-byte client_write_IV or server_write_IV of the key block.</summary>
    public static TlsRecordProtection ForTls12(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt) =>
        salt.Length == 4 ? new(key, salt, tls13: false) : throw new ArgumentException("The GCM salt is 4 bytes.", nameof(salt));

    /// <summary>TLS 1.3 AES-GCM: key and 12-byte IV from a traffic secret.</summary>
    public static TlsRecordProtection ForTls13(HashAlgorithmName hash, ReadOnlySpan<byte> trafficSecret, int keyLength)
    {
        // RFC 8446 section 7.3: [sender]_write_key / _iv = HKDF-Expand-Label(Secret, "key" / "iv", "", length).
        var key = TlsKeyDerivation.HkdfExpandLabel(hash, trafficSecret, "key", [], keyLength);
        var iv = TlsKeyDerivation.HkdfExpandLabel(hash, trafficSecret, "iv", [], NonceLength);
        return new TlsRecordProtection(key, iv, tls13: true);
    }

    /// <summary>Encrypts <paramref name="plaintext"/> of <paramref name="type"/> into one complete record (header included).</summary>
    public byte[] Seal(TlsContentType type, ReadOnlySpan<byte> plaintext)
    {
        var innerLength = plaintext.Length + (_tls13 ? 1 : 0);
        var fragmentLength = (_tls13 ? 0 : ExplicitNonceLength) + innerLength + TagLength;
        var record = new byte[TlsRecord.HeaderLength + fragmentLength];
        // TLS 1.3 hides the type: the record says application_data (RFC 8446 section 5.2).
        record[0] = (byte)(_tls13 ? TlsContentType.ApplicationData : type);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(1), RecordVersion);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), (ushort)fragmentLength);
        var fragment = record.AsSpan(TlsRecord.HeaderLength);
        var nonce = Nonce();
        // TLS 1.3 TLSInnerPlaintext: content, then the real type (no padding).
        byte[] innerBuffer = _tls13 ? [.. plaintext, (byte)type] : plaintext.ToArray();
        if (_tls13)
        {
            _aead.Encrypt(nonce, innerBuffer, fragment[..innerLength], fragment[innerLength..], record.AsSpan(0, TlsRecord.HeaderLength));
        }
        else
        {
            nonce.AsSpan(4).CopyTo(fragment);
            _aead.Encrypt(nonce, innerBuffer, fragment.Slice(ExplicitNonceLength, innerLength), fragment[(ExplicitNonceLength + innerLength)..], Tls12AdditionalData(type, innerLength));
        }

        _sequence++;
        return record;
    }

    /// <summary>
    /// Decrypts the fragment of a protected record. TLS 1.3: the real type is the last non-zero
    /// byte of the inner plaintext (RFC 8446 section 5.2). False when it does not authenticate or is malformed.
    /// </summary>
    public bool TryOpen(TlsContentType recordType, ReadOnlySpan<byte> fragment, out TlsContentType type, out byte[] plaintext)
    {
        type = recordType;
        plaintext = [];
        var overhead = (_tls13 ? 0 : ExplicitNonceLength) + TagLength;
        if (fragment.Length < overhead + (_tls13 ? 1 : 0))
        {
            return false;
        }

        var length = fragment.Length - overhead;
        var output = new byte[length];
        try
        {
            if (_tls13)
            {
                var nonce = Nonce();
                Span<byte> header = [(byte)recordType, RecordVersion >> 8, RecordVersion & 0xFF, (byte)(fragment.Length >> 8), (byte)fragment.Length];
                _aead.Decrypt(nonce, fragment[..length], fragment[length..], output, header);
            }
            else
            {
                byte[] nonce = [.. _iv, .. fragment[..ExplicitNonceLength]];
                _aead.Decrypt(nonce, fragment.Slice(ExplicitNonceLength, length), fragment[(ExplicitNonceLength + length)..], output, Tls12AdditionalData(recordType, length));
            }
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        _sequence++;
        if (!_tls13)
        {
            plaintext = output;
            return true;
        }

        var end = output.AsSpan().LastIndexOfAnyExcept((byte)0);
        if (end < 0)
        {
            return false;
        }

        type = (TlsContentType)output[end];
        plaintext = output[..end];
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _aead.Dispose();

    private byte[] Nonce()
    {
        var nonce = new byte[NonceLength];
        if (_tls13)
        {
            // RFC 8446 section 5.3: the 64-bit sequence number, left-padded to the IV length, XOR the IV.
            BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(NonceLength - 8), _sequence);
            for (var i = 0; i < NonceLength; i++)
            {
                nonce[i] ^= _iv[i];
            }
        }
        else
        {
            // RFC 5288 section 3: salt || nonce_explicit; the sequence number is a unique explicit part.
            _iv.CopyTo(nonce, 0);
            BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), _sequence);
        }

        return nonce;
    }

    // RFC 5246 section 6.2.3.3: additional_data = seq_num + TLSCompressed.type + TLSCompressed.version + TLSCompressed.length.
    private byte[] Tls12AdditionalData(TlsContentType type, int plaintextLength)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt64BigEndian(data, _sequence);
        data[8] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(9), RecordVersion);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(11), (ushort)plaintextLength);
        return data;
    }
}
