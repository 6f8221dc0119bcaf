using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailTls.Core.Tests.Dns;

/// <summary>A CA and a leaf issued by it, made fresh with CertificateRequest; leaf first, as a server sends it.</summary>
internal sealed class DnsTestChain : IDisposable
{
    private DnsTestChain(X509Certificate2 leaf, X509Certificate2 issuer)
    {
        Leaf = leaf;
        Issuer = issuer;
    }

    public X509Certificate2 Leaf { get; }

    public X509Certificate2 Issuer { get; }

    public IReadOnlyList<X509Certificate2> Chain => [Leaf, Issuer];

    public static DnsTestChain Create(string host = "mx.example.com", bool rsa = false)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=mailtls test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        X509Certificate2 leaf;
        var serial = RandomNumberGenerator.GetBytes(8);
        if (rsa)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            // An RSA leaf under an ECDSA CA needs the CA's signature generator.
            var generator = X509SignatureGenerator.CreateForECDsa(caKey);
            using var issued = request.Create(ca.SubjectName, generator, now.AddDays(-1), now.AddDays(10), serial);
            leaf = X509CertificateLoader.LoadCertificate(issued.RawData);
        }
        else
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
            using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(10), serial);
            leaf = X509CertificateLoader.LoadCertificate(issued.RawData);
        }

        return new DnsTestChain(leaf, X509CertificateLoader.LoadCertificate(ca.RawData));
    }

    public void Dispose()
    {
        Leaf.Dispose();
        Issuer.Dispose();
    }
}
