using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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

    /// <summary>The signature algorithm's friendly name (sha256RSA, sha384ECDSA ...) or its OID.</summary>
    public static string SignatureAlgorithm(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.SignatureAlgorithm.FriendlyName ?? certificate.SignatureAlgorithm.Value ?? "unknown";
    }
}
