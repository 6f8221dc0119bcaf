using System.Globalization;

namespace MailTls.Core.OpenSsl;

/// <summary>
/// One line of <c>openssl ciphers -v</c> (<c>SSL_CIPHER_description</c>) in the layout of the chosen era, so that
/// <c>mailtls ciphers</c> output can be compared with the real tool column for column.
/// </summary>
public static class OpenSslCipherDescription
{
    /// <summary>Formats a suite as the era's <c>openssl ciphers -v</c> would, without the trailing newline.</summary>
    /// <param name="suite">The suite.</param>
    /// <param name="era">The era whose layout and labels to use.</param>
    /// <returns>The description line.</returns>
    public static string Format(OpenSslCipherSuite suite, OpenSslEra era)
    {
        ArgumentNullException.ThrowIfNull(suite);
        CultureInfo c = CultureInfo.InvariantCulture;
        if (era == OpenSslEra.V30)
        {
            return string.Format(c, "{0,-30} {1,-7} Kx={2,-8} Au={3,-5} Enc={4,-22} Mac={5,-4}",
                suite.Name, Version(suite, era), KeyExchange(suite, era), Authentication(suite), Encryption(suite), Mac(suite));
        }

        bool export = era == OpenSslEra.V102 && (suite.Strength & OpenSslStrength.Export) != 0;
        return string.Format(c, "{0,-23} {1} Kx={2,-8} Au={3,-4} Enc={4,-9} Mac={5,-4}{6}",
            suite.Name, Version(suite, era), KeyExchange(suite, era), Authentication(suite), Encryption(suite), Mac(suite),
            export ? " export" : string.Empty);
    }

    private static string Version(OpenSslCipherSuite s, OpenSslEra era) => s.MinimumProtocol switch
    {
        OpenSslProtocol.SslV2 => "SSLv2",
        OpenSslProtocol.SslV3 => "SSLv3",
        OpenSslProtocol.TlsV1 => era == OpenSslEra.V102 ? "SSLv3" : "TLSv1",
        OpenSslProtocol.TlsV11 => "TLSv1.1",
        OpenSslProtocol.TlsV12 => "TLSv1.2",
        OpenSslProtocol.TlsV13 => "TLSv1.3",
        _ => "unknown",
    };

    private static bool IsExport40(OpenSslCipherSuite s) => (s.Strength & OpenSslStrength.Export40) != 0;

    private static string KeyExchange(OpenSslCipherSuite s, OpenSslEra era)
    {
        // 1.0.x shows the export RSA/DH modulus limit: 512 bits for 40-bit suites, 1024 for 56-bit ones.
        bool export = era == OpenSslEra.V102 && (s.Strength & OpenSslStrength.Export) != 0;
        return s.KeyExchange switch
        {
            OpenSslKeyExchange.Rsa => export ? (IsExport40(s) ? "RSA(512)" : "RSA(1024)") : "RSA",
            OpenSslKeyExchange.Dhe => export ? (IsExport40(s) ? "DH(512)" : "DH(1024)") : "DH",
            OpenSslKeyExchange.Ecdhe => "ECDH",
            OpenSslKeyExchange.Psk => "PSK",
            OpenSslKeyExchange.RsaPsk => "RSAPSK",
            OpenSslKeyExchange.EcdhePsk => "ECDHEPSK",
            OpenSslKeyExchange.DhePsk => "DHEPSK",
            OpenSslKeyExchange.Srp => "SRP",
            OpenSslKeyExchange.Gost => "GOST",
            OpenSslKeyExchange.Gost18 => "GOST18",
            OpenSslKeyExchange.DhRsa => "DH/RSA",
            OpenSslKeyExchange.DhDss => "DH/DSS",
            OpenSslKeyExchange.Krb5 => "KRB5",
            OpenSslKeyExchange.EcdhRsa => "ECDH/RSA",
            OpenSslKeyExchange.EcdhEcdsa => "ECDH/ECDSA",
            OpenSslKeyExchange.None => "any",
            _ => "unknown",
        };
    }

    private static string Authentication(OpenSslCipherSuite s) => s.Authentication switch
    {
        OpenSslAuthentication.Rsa => "RSA",
        OpenSslAuthentication.Dss => "DSS",
        OpenSslAuthentication.Null => "None",
        OpenSslAuthentication.Ecdsa => "ECDSA",
        OpenSslAuthentication.Psk => "PSK",
        OpenSslAuthentication.Srp => "SRP",
        OpenSslAuthentication.Gost01 => "GOST01",
        OpenSslAuthentication.Gost12 | OpenSslAuthentication.Gost01 => "GOST12",
        OpenSslAuthentication.Dh => "DH",
        OpenSslAuthentication.Ecdh => "ECDH",
        OpenSslAuthentication.Krb5 => "KRB5",
        OpenSslAuthentication.Gost94 => "GOST94",
        OpenSslAuthentication.None => "any",
        _ => "unknown",
    };

    private static string Encryption(OpenSslCipherSuite s)
    {
        bool export = (s.Strength & OpenSslStrength.Export) != 0;
        return s.Encryption switch
        {
            OpenSslEncryption.Des => export && IsExport40(s) ? "DES(40)" : "DES(56)",
            OpenSslEncryption.TripleDes => "3DES(168)",
            OpenSslEncryption.Rc4 => export ? (IsExport40(s) ? "RC4(40)" : "RC4(56)") : "RC4(128)",
            OpenSslEncryption.Rc2 => export ? (IsExport40(s) ? "RC2(40)" : "RC2(56)") : "RC2(128)",
            OpenSslEncryption.Idea => "IDEA(128)",
            OpenSslEncryption.Null => "None",
            OpenSslEncryption.Aes128 => "AES(128)",
            OpenSslEncryption.Aes256 => "AES(256)",
            OpenSslEncryption.Aes128Gcm => "AESGCM(128)",
            OpenSslEncryption.Aes256Gcm => "AESGCM(256)",
            OpenSslEncryption.Aes128Ccm => "AESCCM(128)",
            OpenSslEncryption.Aes256Ccm => "AESCCM(256)",
            OpenSslEncryption.Aes128Ccm8 => "AESCCM8(128)",
            OpenSslEncryption.Aes256Ccm8 => "AESCCM8(256)",
            OpenSslEncryption.Camellia128 => "Camellia(128)",
            OpenSslEncryption.Camellia256 => "Camellia(256)",
            OpenSslEncryption.Aria128Gcm => "ARIAGCM(128)",
            OpenSslEncryption.Aria256Gcm => "ARIAGCM(256)",
            OpenSslEncryption.Seed => "SEED(128)",
            OpenSslEncryption.Gost89 or OpenSslEncryption.Gost89Cnt12 => "GOST89(256)",
            OpenSslEncryption.Magma => "MAGMA",
            OpenSslEncryption.Kuznyechik => "KUZNYECHIK",
            OpenSslEncryption.ChaCha20Poly1305 => "CHACHA20/POLY1305(256)",
            _ => "unknown",
        };
    }

    private static string Mac(OpenSslCipherSuite s) => s.Mac switch
    {
        OpenSslMac.Md5 => "MD5",
        OpenSslMac.Sha1 => "SHA1",
        OpenSslMac.Sha256 => "SHA256",
        OpenSslMac.Sha384 => "SHA384",
        OpenSslMac.Aead => "AEAD",
        OpenSslMac.Gost89Mac or OpenSslMac.Gost89Mac12 => "GOST89",
        OpenSslMac.Gost94 => "GOST94",
        OpenSslMac.Gost12With256 or OpenSslMac.Gost12With512 => "GOST2012",
        _ => "unknown",
    };
}
