namespace MailTls.Core.OpenSsl;

/// <summary>
/// The default security callback of OpenSSL 1.1.0+ (<c>ssl_security_default_callback</c> in
/// <c>ssl/ssl_cert.c</c>) as it applies to cipher suites and protocol versions.
/// </summary>
public static class OpenSslSecurityLevel
{
    /// <summary>Highest level OpenSSL defines.</summary>
    public const int Maximum = 5;

    /// <summary>Minimum symmetric strength in bits at a level: 0, 80, 112, 128, 192, 256.</summary>
    /// <param name="level">Security level; values outside 0..5 are clamped as OpenSSL does.</param>
    /// <returns>The bit floor.</returns>
    public static int MinimumBits(int level) => Math.Clamp(level, 0, Maximum) switch
    {
        0 => 0,
        1 => 80,
        2 => 112,
        3 => 128,
        4 => 192,
        _ => 256,
    };

    /// <summary>Whether a suite passes the cipher checks of the level (<c>SSL_SECOP_CIPHER_SUPPORTED</c>).</summary>
    /// <param name="suite">The suite.</param>
    /// <param name="level">Security level.</param>
    /// <returns>True when allowed.</returns>
    public static bool AllowsCipher(OpenSslCipherSuite suite, int level)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (level <= 0)
        {
            return true;
        }

        int minBits = MinimumBits(level);
        if (suite.StrengthBits < minBits
            || (suite.Authentication & OpenSslAuthentication.Null) != 0
            || (suite.Mac & OpenSslMac.Md5) != 0
            || (minBits > 160 && (suite.Mac & OpenSslMac.Sha1) != 0)
            || (level >= 2 && suite.Encryption == OpenSslEncryption.Rc4))
        {
            return false;
        }

        // Level 3 and up: forward-secret key exchange only (TLS 1.3 suites always are).
        return level < 3 || suite.IsForwardSecret;
    }

    /// <summary>Whether a protocol version is allowed at a level (<c>SSL_SECOP_VERSION</c>, TLS only).</summary>
    /// <param name="protocol">A single protocol value.</param>
    /// <param name="level">Security level.</param>
    /// <returns>True when allowed.</returns>
    public static bool AllowsProtocol(OpenSslProtocol protocol, int level) => protocol switch
    {
        OpenSslProtocol.SslV2 or OpenSslProtocol.SslV3 => level < 2,
        OpenSslProtocol.TlsV1 => level < 3,
        OpenSslProtocol.TlsV11 => level < 4,
        _ => true,
    };

    /// <summary>
    /// Whether some protocol the level allows can carry the suite: only IDEA, which OpenSSL caps at TLS 1.1,
    /// loses out, at level 4 and above.
    /// </summary>
    /// <param name="suite">The suite.</param>
    /// <param name="level">Security level.</param>
    /// <returns>True when some allowed version can negotiate the suite.</returns>
    public static bool AllowsSomeProtocolFor(OpenSslCipherSuite suite, int level)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return suite.Encryption != OpenSslEncryption.Idea || level < 4;
    }
}
