using System.Security.Cryptography;
using System.Text;

namespace MailTls.Core.Tls;

/// <summary>
/// The key derivation functions a TLS client needs to finish a handshake: the TLS 1.2 PRF
/// (RFC 5246 section 5) and the TLS 1.3 HKDF functions (RFC 8446 section 7.1). mailtls completes
/// handshakes only to learn whether a server resumes sessions, never to carry mail.
/// </summary>
public static class TlsKeyDerivation
{
    /// <summary>
    /// PRF(secret, label, seed) = P_hash(secret, label + seed), where
    /// P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
    /// and A(0) = seed, A(i) = HMAC_hash(secret, A(i-1)).
    /// </summary>
    /// <param name="hash">The suite's PRF hash (SHA-256 unless the suite names SHA-384).</param>
    /// <param name="secret">The secret (pre-master or master secret).</param>
    /// <param name="label">The ASCII label, e.g. "master secret".</param>
    /// <param name="seed">The seed (randoms or a handshake hash).</param>
    /// <param name="length">Bytes of output.</param>
    public static byte[] Tls12Prf(HashAlgorithmName hash, ReadOnlySpan<byte> secret, string label, ReadOnlySpan<byte> seed, int length)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte[] labelSeed = [.. Encoding.ASCII.GetBytes(label), .. seed];
        var output = new byte[length];
        var a = CryptographicOperations.HmacData(hash, secret, labelSeed);
        for (var offset = 0; offset < length; offset += a.Length)
        {
            var block = CryptographicOperations.HmacData(hash, secret, [.. a, .. labelSeed]);
            block.AsSpan(0, Math.Min(block.Length, length - offset)).CopyTo(output.AsSpan(offset));
            a = CryptographicOperations.HmacData(hash, secret, a);
        }

        return output;
    }

    /// <summary>HKDF-Extract(salt, IKM) (RFC 5869 section 2.2); an empty salt means a string of zeros of the hash length.</summary>
    public static byte[] HkdfExtract(HashAlgorithmName hash, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> inputKeyMaterial)
    {
        var prk = new byte[HashLength(hash)];
        HKDF.Extract(hash, inputKeyMaterial, salt, prk);
        return prk;
    }

    /// <summary>HKDF-Expand-Label(Secret, Label, Context, Length) of RFC 8446 section 7.1 (see <see cref="Tls13KeySchedule.ExpandLabel"/>).</summary>
    public static byte[] HkdfExpandLabel(HashAlgorithmName hash, ReadOnlySpan<byte> secret, string label, ReadOnlySpan<byte> context, int length)
    {
        ArgumentNullException.ThrowIfNull(label);
        return Tls13KeySchedule.ExpandLabel(hash, secret, label, context, length);
    }

    /// <summary>Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length), given the transcript hash.</summary>
    public static byte[] DeriveSecret(HashAlgorithmName hash, ReadOnlySpan<byte> secret, string label, ReadOnlySpan<byte> transcriptHash)
    {
        ArgumentNullException.ThrowIfNull(label);
        return Tls13KeySchedule.DeriveSecret(hash, secret, label, transcriptHash);
    }

    /// <summary>The output length of <paramref name="hash"/> (SHA-256 or SHA-384, the TLS suite hashes).</summary>
    /// <exception cref="ArgumentException">Another hash.</exception>
    public static int HashLength(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA256 || hash == HashAlgorithmName.SHA384
            ? Tls13KeySchedule.HashLength(hash)
            : throw new ArgumentException($"{hash.Name} is not a TLS suite hash.", nameof(hash));
}
