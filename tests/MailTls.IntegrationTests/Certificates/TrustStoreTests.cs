using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Collectors.Certificates;
using MailTls.Core.Evidence;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Certificates;

public sealed class TrustStoreTests
{
    [Fact]
    public void LoadBundle_SystemSizedBundle_KeepsEveryRoot()
    {
        // Given a bundle of 150 distinct roots, the size of Debian's ca-certificates.crt
        using var directory = TempDirectory.Create("mailtls-truststore");
        var roots = Enumerable.Range(1, 150).Select(SelfSigned).ToList();
        var path = directory.Combine("ca-certificates.crt");
        File.WriteAllText(path, string.Concat(roots.Select(r => r.ExportCertificatePem() + "\n")));
        var failures = new List<ProbeFailure>();

        // When loaded as smtp_tls_CAfile
        var loaded = TrustStore.LoadBundle(path, failures);

        // Then the last root is there too, so a server signed by it is not judged untrusted
        Assert.Empty(failures);
        Assert.Equal(roots.Select(r => r.Thumbprint), loaded.Select(r => r.Thumbprint));
    }

    private static X509Certificate2 SelfSigned(int n)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Test Root {n}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
