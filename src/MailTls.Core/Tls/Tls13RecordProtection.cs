using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MailTls.Core.Tls;

/// <summary>
/// Adds or removes the protection of TLS 1.3 records of one key, in order (RFC 8446 section 5.2-5.3):
/// the per-record nonce is the write IV XOR the 64-bit sequence number, the additional data is the
/// record header, and the plaintext ends with the real content type followed by zero padding.
/// </summary>
public sealed class Tls13RecordProtection : ITlsRecordProtection
{
    /// <summary>Every TLS 1.3 AEAD (AES-GCM, ChaCha20-Poly1305) has a 16-byte tag.</summary>
    public const int TagLength = 16;

    private readonly AesGcm? _aesGcm;
    private readonly ChaCha20Poly1305? _chaCha;
    private readonly byte[] _iv;
    private ulong _sequence;

    private Tls13RecordProtection(AesGcm? aesGcm, ChaCha20Poly1305? chaCha, byte[] iv)
    {
        _aesGcm = aesGcm;
        _chaCha = chaCha;
        _iv = iv;
    }

    /// <summary>The protection for the suite <paramref name="suiteCode"/> from a traffic secret (key and IV as RFC 8446 section 7.3).</summary>
    /// <exception cref="ArgumentException">A suite mailtls cannot encrypt (see <see cref="Tls13FlightReader.DecryptableSuites"/>).</exception>
    public static Tls13RecordProtection FromTrafficSecret(ushort suiteCode, ReadOnlySpan<byte> trafficSecret)
    {
        var suite = Tls13Suite.Find(suiteCode) ?? throw new ArgumentException($"0x{suiteCode:X4} is not a TLS 1.3 suite mailtls can encrypt.", nameof(suiteCode));
        var (key, iv) = Tls13KeySchedule.TrafficKey(suite.Hash, trafficSecret, suite.KeyLength);
        return Create(suite, key, iv);
    }

    /// <summary>The protection for <paramref name="suite"/> with this key and IV.</summary>
    internal static Tls13RecordProtection Create(Tls13Suite suite, byte[] key, byte[] iv) => suite.ChaCha
        ? new Tls13RecordProtection(null, new ChaCha20Poly1305(key), iv)
        : new Tls13RecordProtection(new AesGcm(key, TagLength), null, iv);

    /// <summary>
    /// Decrypts one TLSCiphertext and strips TLSInnerPlaintext's padding.
    /// <code>
    /// struct {
    ///     opaque content[TLSPlaintext.length];
    ///     ContentType type;
    ///     uint8 zeros[length_of_padding];
    /// } TLSInnerPlaintext;
    /// </code>
    /// </summary>
    /// <param name="header">The 5-byte record header (the additional data).</param>
    /// <param name="encrypted">encrypted_record: ciphertext followed by the tag.</param>
    /// <param name="type">The inner content type.</param>
    /// <param name="content">The content, without type and padding.</param>
    /// <returns>False when the tag does not verify or the plaintext holds no content type (all zeros).</returns>
    public bool TryDecrypt(ReadOnlySpan<byte> header, ReadOnlySpan<byte> encrypted, out TlsContentType type, out byte[] content)
    {
        type = default;
        content = [];
        if (encrypted.Length <= TagLength)
        {
            return false;
        }

        Span<byte> nonce = stackalloc byte[12];
        Nonce(nonce);
        var plaintext = new byte[encrypted.Length - TagLength];
        try
        {
            if (_chaCha is not null)
            {
                _chaCha.Decrypt(nonce, encrypted[..^TagLength], encrypted[^TagLength..], plaintext, header);
            }
            else
            {
                _aesGcm!.Decrypt(nonce, encrypted[..^TagLength], encrypted[^TagLength..], plaintext, header);
            }
        }
        catch (CryptographicException)
        {
            // A wrong tag: damaged bytes, or a server whose keys differ from ours (RFC 8446 section 5.2: bad_record_mac).
            return false;
        }

        _sequence++;
        var end = plaintext.AsSpan().LastIndexOfAnyExcept((byte)0);
        if (end < 0)
        {
            return false;
        }

        type = (TlsContentType)plaintext[end];
        content = plaintext[..end];
        return true;
    }

    /// <summary>Encrypts TLSInnerPlaintext (content, real type, no padding) into one record whose header says application_data (RFC 8446 section 5.2).</summary>
    public byte[] Seal(TlsContentType type, ReadOnlySpan<byte> plaintext)
    {
        var innerLength = plaintext.Length + 1;
        var record = new byte[TlsRecord.HeaderLength + innerLength + TagLength];
        record[0] = (byte)TlsContentType.ApplicationData;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(1), (ushort)TlsProtocolVersion.Tls12);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), (ushort)(innerLength + TagLength));
        byte[] inner = [.. plaintext, (byte)type];
        Span<byte> nonce = stackalloc byte[12];
        Nonce(nonce);
        var header = record.AsSpan(0, TlsRecord.HeaderLength);
        var ciphertext = record.AsSpan(TlsRecord.HeaderLength, innerLength);
        var tag = record.AsSpan(TlsRecord.HeaderLength + innerLength);
        if (_chaCha is not null)
        {
            _chaCha.Encrypt(nonce, inner, ciphertext, tag, header);
        }
        else
        {
            _aesGcm!.Encrypt(nonce, inner, ciphertext, tag, header);
        }

        _sequence++;
        return record;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _aesGcm?.Dispose();
        _chaCha?.Dispose();
    }

    // RFC 8446 section 5.3: the 64-bit sequence number, left-padded to the IV length, XOR the IV.
    private void Nonce(Span<byte> nonce)
    {
        _iv.CopyTo(nonce);
        Span<byte> sequence = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(sequence, _sequence);
        for (var i = 0; i < sequence.Length; i++)
        {
            nonce[nonce.Length - sequence.Length + i] ^= sequence[i];
        }
    }
}
