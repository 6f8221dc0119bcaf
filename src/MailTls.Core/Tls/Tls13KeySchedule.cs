using System.Security.Cryptography;
using System.Text;

namespace MailTls.Core.Tls;

/// <summary>
/// The part of the TLS 1.3 key schedule (RFC 8446 section 7.1) a client needs to read the server's
/// encrypted handshake flight: Early Secret, Handshake Secret, the server handshake traffic secret
/// and its record key and IV (section 7.3). BCL HKDF only; no secret outlives the reader that asked.
/// </summary>
internal static class Tls13KeySchedule
{
    private const int IvLength = 12;
    private const string LabelPrefix = "tls13 ";

    /// <summary>
    /// HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length).
    /// <code>
    /// struct {
    ///     uint16 length = Length;
    ///     opaque label&lt;7..255&gt; = "tls13 " + Label;
    ///     opaque context&lt;0..255&gt; = Context;
    /// } HkdfLabel;
    /// </code>
    /// </summary>
    public static byte[] ExpandLabel(HashAlgorithmName hash, ReadOnlySpan<byte> secret, string label, ReadOnlySpan<byte> context, int length)
    {
        var labelBytes = Encoding.ASCII.GetBytes(LabelPrefix + label);
        var info = new byte[2 + 1 + labelBytes.Length + 1 + context.Length];
        var writer = info.AsSpan();
        writer[0] = (byte)(length >> 8);
        writer[1] = (byte)length;
        writer[2] = (byte)labelBytes.Length;
        labelBytes.CopyTo(writer[3..]);
        writer[3 + labelBytes.Length] = (byte)context.Length;
        context.CopyTo(writer[(4 + labelBytes.Length)..]);
        var output = new byte[length];
        HKDF.Expand(hash, secret, output, info);
        return output;
    }

    /// <summary>Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length).</summary>
    public static byte[] DeriveSecret(HashAlgorithmName hash, ReadOnlySpan<byte> secret, string label, ReadOnlySpan<byte> transcriptHash) =>
        ExpandLabel(hash, secret, label, transcriptHash, HashLength(hash));

    /// <summary>Early Secret = HKDF-Extract(0, 0): no PSK is ever offered.</summary>
    public static byte[] EarlySecret(HashAlgorithmName hash)
    {
        var zeros = new byte[HashLength(hash)];
        return HKDF.Extract(hash, zeros, zeros);
    }

    /// <summary>Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE).</summary>
    public static byte[] HandshakeSecret(HashAlgorithmName hash, ReadOnlySpan<byte> sharedSecret)
    {
        var derived = DeriveSecret(hash, EarlySecret(hash), "derived", EmptyHash(hash));
        return HKDF.Extract(hash, sharedSecret.ToArray(), derived);
    }

    /// <summary>server_handshake_traffic_secret = Derive-Secret(Handshake Secret, "s hs traffic", ClientHello...ServerHello).</summary>
    public static byte[] ServerHandshakeTrafficSecret(HashAlgorithmName hash, ReadOnlySpan<byte> handshakeSecret, ReadOnlySpan<byte> transcriptHash) =>
        DeriveSecret(hash, handshakeSecret, "s hs traffic", transcriptHash);

    /// <summary>RFC 8446 section 7.3: write_key = HKDF-Expand-Label(Secret, "key", "", key_length), write_iv likewise with "iv".</summary>
    public static (byte[] Key, byte[] Iv) TrafficKey(HashAlgorithmName hash, ReadOnlySpan<byte> trafficSecret, int keyLength) =>
        (ExpandLabel(hash, trafficSecret, "key", [], keyLength), ExpandLabel(hash, trafficSecret, "iv", [], IvLength));

    /// <summary>Transcript-Hash of the given handshake messages (headers included), in order.</summary>
    public static byte[] TranscriptHash(HashAlgorithmName hash, IEnumerable<byte[]> messages)
    {
        using var transcript = IncrementalHash.CreateHash(hash);
        foreach (var message in messages)
        {
            transcript.AppendData(message);
        }

        return transcript.GetHashAndReset();
    }

    public static int HashLength(HashAlgorithmName hash) => hash == HashAlgorithmName.SHA384 ? 48 : 32;

    private static byte[] EmptyHash(HashAlgorithmName hash) => TranscriptHash(hash, []);
}
