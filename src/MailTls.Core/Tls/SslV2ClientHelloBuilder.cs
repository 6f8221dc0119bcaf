using System.Security.Cryptography;

namespace MailTls.Core.Tls;

/// <summary>
/// Builds an SSL 2.0 CLIENT-HELLO: either a real SSLv2 hello (version 0x0002, SSLv2 cipher kinds) to
/// detect SSLv2 servers, or the SSLv2-compatible hello that old clients used to offer SSLv3/TLS
/// (RFC 5246 appendix E.2, RFC 6101 appendix E).
/// <code>
/// uint16 msg_length;               /* high bit set: two-byte header, no padding */
/// uint8 msg_type;                  /* 1 = CLIENT-HELLO */
/// Version version;
/// uint16 cipher_spec_length;       /* multiple of 3 */
/// uint16 session_id_length;
/// uint16 challenge_length;
/// V2CipherSpec cipher_specs[V2ClientHello.cipher_spec_length];
/// opaque session_id[V2ClientHello.session_id_length];
/// opaque challenge[V2ClientHello.challenge_length];
/// </code>
/// </summary>
public static class SslV2ClientHelloBuilder
{
    private const byte MessageTypeClientHello = 1;
    private const int TwoByteHeaderFlag = 0x8000;
    private const int ChallengeLength = 16;

    /// <summary>SSL_CK_RC4_128_WITH_MD5.</summary>
    public const int Rc4128WithMd5 = 0x010080;

    /// <summary>SSL_CK_RC4_128_EXPORT40_WITH_MD5.</summary>
    public const int Rc4128Export40WithMd5 = 0x020080;

    /// <summary>SSL_CK_RC2_128_CBC_WITH_MD5.</summary>
    public const int Rc2128CbcWithMd5 = 0x030080;

    /// <summary>SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5.</summary>
    public const int Rc2128CbcExport40WithMd5 = 0x040080;

    /// <summary>SSL_CK_IDEA_128_CBC_WITH_MD5.</summary>
    public const int Idea128CbcWithMd5 = 0x050080;

    /// <summary>SSL_CK_DES_64_CBC_WITH_MD5.</summary>
    public const int Des64CbcWithMd5 = 0x060040;

    /// <summary>SSL_CK_DES_192_EDE3_CBC_WITH_MD5.</summary>
    public const int Des192Ede3CbcWithMd5 = 0x0700C0;

    /// <summary>All seven SSLv2 cipher kinds.</summary>
    public static IReadOnlyList<int> AllSslV2CipherKinds { get; } =
        [Rc4128WithMd5, Rc4128Export40WithMd5, Rc2128CbcWithMd5, Rc2128CbcExport40WithMd5, Idea128CbcWithMd5, Des64CbcWithMd5, Des192Ede3CbcWithMd5];

    /// <summary>
    /// Builds the hello. <paramref name="cipherSpecs"/> are 3-byte values: SSLv2 kinds as above, or TLS suites
    /// as <c>0x00XXYY</c>. <paramref name="version"/> is <see cref="TlsProtocolVersion.Ssl2"/> for a pure SSLv2 probe.
    /// </summary>
    /// <exception cref="ArgumentException">A spec does not fit in 24 bits, or the challenge is not 16..32 bytes.</exception>
    public static byte[] Build(TlsProtocolVersion version, IReadOnlyList<int> cipherSpecs, ReadOnlyMemory<byte>? challenge = null)
    {
        ArgumentNullException.ThrowIfNull(cipherSpecs);
        var challengeBytes = challenge?.ToArray() ?? RandomNumberGenerator.GetBytes(ChallengeLength);
        if (challengeBytes.Length is < 16 or > 32)
        {
            throw new ArgumentException("The SSLv2 challenge must be 16 to 32 bytes.", nameof(challenge));
        }

        var body = new TlsWriter();
        body.WriteUInt8(MessageTypeClientHello);
        body.WriteUInt16((ushort)version);
        body.WriteUInt16(checked((ushort)(cipherSpecs.Count * 3)));
        body.WriteUInt16(0);
        body.WriteUInt16((ushort)challengeBytes.Length);
        foreach (var spec in cipherSpecs)
        {
            if (spec is < 0 or > 0xFFFFFF)
            {
                throw new ArgumentException($"Cipher spec 0x{spec:X} does not fit in three bytes.", nameof(cipherSpecs));
            }

            body.WriteUInt24(spec);
        }

        body.WriteBytes(challengeBytes);

        var record = new TlsWriter();
        record.WriteUInt16((ushort)(TwoByteHeaderFlag | body.Length));
        record.WriteBytes(body.WrittenSpan);
        return record.ToArray();
    }
}
