using System.Text;

namespace MailTls.Core.Tests.OpenSsl;

/// <summary>Random but reproducible cipher strings over OpenSSL's vocabulary, for differential tests against openssl.</summary>
internal static class CipherStringGenerator
{
    private static readonly string[] Words =
    [
        "ALL", "COMPLEMENTOFALL", "COMPLEMENTOFDEFAULT", "HIGH", "MEDIUM", "LOW", "EXP", "EXPORT", "eNULL", "NULL", "aNULL",
        "kRSA", "RSA", "aRSA", "kEDH", "kDHE", "DH", "EDH", "DHE", "ADH", "kEECDH", "kECDHE", "ECDH", "EECDH", "ECDHE", "AECDH",
        "aECDSA", "ECDSA", "aDSS", "DSS", "PSK", "kPSK", "kRSAPSK", "kECDHEPSK", "kDHEPSK", "aPSK", "SRP", "kSRP", "aSRP",
        "AES", "AES128", "AES256", "AESGCM", "AESCCM", "AESCCM8", "CHACHA20", "CAMELLIA", "CAMELLIA128", "CAMELLIA256",
        "ARIA", "ARIAGCM", "ARIA128", "ARIA256", "CBC", "3DES", "DES", "RC4", "RC2", "IDEA", "SEED", "GOST", "kGOST", "aGOST",
        "MD5", "SHA1", "SHA", "SHA256", "SHA384", "SSLv3", "SSLv2", "TLSv1", "TLSv1.0", "TLSv1.2", "TLSv1.3", "FIPS",
        "DEFAULT", "SUITEB128", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA", "RC4-MD5", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "DHE-RSA-AES256-GCM-SHA384", "AES128-GCM-SHA256", "ADH-AES128-SHA",
        "EDH-RSA-DES-CBC3-SHA", "ECDHE-RSA-CHACHA20-POLY1305", "PSK-AES128-CBC-SHA", "CAMELLIA256-SHA", "NULL-SHA",
        "TLS_AES_128_GCM_SHA256", "high", "anull", "FOO", "X", "kRSA.", "=", "-", ".",
    ];

    private static readonly string[] Separators = [":", ":", ":", ",", " ", ";", "::"];

    public static string Generate(Random random)
    {
        var sb = new StringBuilder();
        int items = random.Next(1, 9);
        for (int i = 0; i < items; i++)
        {
            if (i > 0)
            {
                sb.Append(Separators[random.Next(Separators.Length)]);
            }

            int roll = random.Next(100);
            if (roll < 4)
            {
                sb.Append("@STRENGTH");
                continue;
            }

            if (roll < 7)
            {
                sb.Append("@SECLEVEL=").Append(random.Next(0, 7));
                continue;
            }

            if (roll < 8)
            {
                // A character OpenSSL cannot parse.
                sb.Append("_!#/"[random.Next(4)]);
                continue;
            }

            // The openssl command line would read a leading '-' as an option, so the first item never uses it.
            string prefix = (i == 0 ? new[] { "", "", "!", "+" } : new[] { "", "", "", "!", "!", "-", "+" })[random.Next(i == 0 ? 4 : 7)];
            sb.Append(prefix);
            int parts = random.Next(10) < 7 ? 1 : random.Next(2, 4);
            for (int p = 0; p < parts; p++)
            {
                if (p > 0)
                {
                    sb.Append('+');
                }

                sb.Append(Words[random.Next(Words.Length)]);
            }
        }

        return sb.ToString();
    }
}
