using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailTls.Core.Tests.Certificates;

/// <summary>A root, an intermediate and an ECDSA leaf made in memory for unit tests.</summary>
public class TestChain : IDisposable
{
    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _intermediateKey = RSA.Create(2048);

    public TestChain(string[] leafNames, DateTimeOffset? notAfter = null, DateTimeOffset? notBefore = null)
    {
        var now = DateTimeOffset.UtcNow;
        Root = CreateCa("CN=mailtls test root", _rootKey, null, null);
        Intermediate = CreateCa("CN=mailtls test intermediate", _intermediateKey, Root, _rootKey);
        LeafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={leafNames[0]}", LeafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in leafNames)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        // An ECDSA leaf under an RSA CA needs the generator overload: the key types differ.
        Leaf = request.Create(
            Intermediate.SubjectName,
            X509SignatureGenerator.CreateForRSA(_intermediateKey, RSASignaturePadding.Pkcs1),
            notBefore ?? now.AddDays(-1),
            notAfter ?? now.AddDays(90),
            [1, 2, 3, 4]);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 Leaf { get; }

    public ECDsa LeafKey { get; }

    public static string Pem(params X509Certificate2[] certificates) =>
        string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));

    public string LeafKeyPem() => LeafKey.ExportPkcs8PrivateKeyPem() + "\n";

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _rootKey.Dispose();
        _intermediateKey.Dispose();
        LeafKey.Dispose();
        Root.Dispose();
        Intermediate.Dispose();
        Leaf.Dispose();
    }

    private static X509Certificate2 CreateCa(string subject, RSA key, X509Certificate2? issuer, RSA? issuerKey)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        if (issuer is null)
        {
            return request.CreateSelfSigned(now.AddDays(-2), now.AddYears(5));
        }

        // A self-signed root already carries its key; anything else needs it attached to sign.
        if (issuer.HasPrivateKey)
        {
            return request.Create(issuer, now.AddDays(-2), now.AddYears(4), [5, 6, 7, 8]);
        }

        using var signer = issuer.CopyWithPrivateKey(issuerKey!);
        return request.Create(signer, now.AddDays(-2), now.AddYears(4), [5, 6, 7, 8]);
    }
}
