using System.Security.Cryptography;

namespace MailTls.Core.Tls;

/// <summary>A TLS 1.3 cipher suite mailtls can decrypt: its AEAD, key length and transcript hash (RFC 8446 appendix B.4).</summary>
/// <param name="Code">The IANA code.</param>
/// <param name="Hash">The HKDF and transcript hash.</param>
/// <param name="KeyLength">The AEAD key length in bytes.</param>
/// <param name="ChaCha">True for ChaCha20-Poly1305, false for AES-GCM.</param>
public sealed record Tls13Suite(ushort Code, HashAlgorithmName Hash, int KeyLength, bool ChaCha)
{
    private static readonly Tls13Suite[] Known =
    [
        new(0x1301, HashAlgorithmName.SHA256, 16, false), // TLS_AES_128_GCM_SHA256
        new(0x1302, HashAlgorithmName.SHA384, 32, false), // TLS_AES_256_GCM_SHA384
        new(0x1303, HashAlgorithmName.SHA256, 32, true),  // TLS_CHACHA20_POLY1305_SHA256
    ];

    /// <summary>The suites this platform can decrypt: ChaCha20-Poly1305 only where the system library has it.</summary>
    public static IReadOnlyList<Tls13Suite> Supported { get; } = [.. Known.Where(s => !s.ChaCha || ChaCha20Poly1305.IsSupported)];

    /// <summary>The entry for <paramref name="code"/>, or null when mailtls cannot decrypt it (CCM suites).</summary>
    public static Tls13Suite? Find(ushort code) => Supported.FirstOrDefault(s => s.Code == code);
}
