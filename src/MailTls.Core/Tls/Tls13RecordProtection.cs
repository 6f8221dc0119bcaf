using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MailTls.Core.Tls;

/// <summary>
/// Removes the protection of TLS 1.3 records one key, in order (RFC 8446 section 5.2-5.3): the
/// per-record nonce is the write IV XOR the 64-bit sequence number, the additional data is the
/// record header, and the plaintext ends with the real content type followed by zero padding.
/// </summary>
internal sealed class Tls13RecordProtection : IDisposable
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

    /// <summary>The protection for <paramref name="suite"/> with this key and IV.</summary>
    public static Tls13RecordProtection Create(Tls13Suite suite, byte[] key, byte[] iv) => suite.ChaCha
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
        _iv.CopyTo(nonce);
        Span<byte> sequence = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(sequence, _sequence);
        for (var i = 0; i < sequence.Length; i++)
        {
            nonce[nonce.Length - sequence.Length + i] ^= sequence[i];
        }

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

    public void Dispose()
    {
        _aesGcm?.Dispose();
        _chaCha?.Dispose();
    }
}
