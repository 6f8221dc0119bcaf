using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Tls;

namespace MailTls.Core.Certificates;

/// <summary>The public key of a certificate as an administrator talks about it: type and size.</summary>
public static class CertificateKey
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string DsaOid = "1.2.840.10040.4.1";
    private const string Ed25519Oid = "1.3.101.112";
    private const string Ed448Oid = "1.3.101.113";

    /// <summary>RSA, ECDSA, DSA, Ed25519, Ed448, or the OID for anything else.</summary>
    public static string Type(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.PublicKey.Oid.Value switch
        {
            RsaOid => "RSA",
            EcOid => "ECDSA",
            DsaOid => "DSA",
            Ed25519Oid => "Ed25519",
            Ed448Oid => "Ed448",
            var other => other ?? "unknown",
        };
    }

    /// <summary>The key size in bits (RSA modulus, EC field size), 0 when it cannot be read.</summary>
    public static int Bits(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is not null)
            {
                return rsa.KeySize;
            }

            using var ec = certificate.GetECDsaPublicKey();
            return ec?.KeySize ?? 0;
        }
        catch (CryptographicException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The TLS named group of an ECDSA key's curve (RFC 8422 section 5.1.1: secp256r1, secp384r1,
    /// secp521r1); null for other keys and curves, or when the key cannot be read.
    /// </summary>
    public static TlsNamedGroup? NamedCurve(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            using var ec = certificate.GetECDsaPublicKey();
            return ec?.ExportParameters(false).Curve.Oid.Value switch
            {
                "1.2.840.10045.3.1.7" => TlsNamedGroup.Secp256r1,
                "1.3.132.0.34" => TlsNamedGroup.Secp384r1,
                "1.3.132.0.35" => TlsNamedGroup.Secp521r1,
                _ => null,
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The signature algorithm's friendly name (sha256RSA, sha384ECDSA ...) or its OID.</summary>
    public static string SignatureAlgorithm(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.SignatureAlgorithm.FriendlyName ?? certificate.SignatureAlgorithm.Value ?? "unknown";
    }
}
