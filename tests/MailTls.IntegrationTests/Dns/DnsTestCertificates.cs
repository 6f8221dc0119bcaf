using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailTls.IntegrationTests.Dns;

/// <summary>
/// Certificates for the DNS fixture's TLSA records: the chain a server presents now, and the
/// chain it presented before a renewal (scenario 4's stale record). Made with CertificateRequest;
/// only their keys and DER bytes matter here.
/// </summary>
public sealed class DnsTestCertificates : IDisposable
{
    private DnsTestCertificates(X509Certificate2[] current, X509Certificate2[] previous)
    {
        Current = current;
        Previous = previous;
    }

    /// <summary>Leaf, then issuer, as served today.</summary>
    public IReadOnlyList<X509Certificate2> Current { get; }

    /// <summary>Leaf, then issuer, as served before the renewal.</summary>
    public IReadOnlyList<X509Certificate2> Previous { get; }

    public static DnsTestCertificates Create(string host) => new(MakeChain(host, "current"), MakeChain(host, "previous"));

    public void Dispose()
    {
        foreach (var certificate in Current.Concat(Previous))
        {
            certificate.Dispose();
        }
    }

    private static X509Certificate2[] MakeChain(string host, string generation)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=mailtls DNS test CA ({generation})", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        using var leaf = request.Create(ca, now.AddDays(-1), now.AddDays(10), RandomNumberGenerator.GetBytes(8));
        return [X509CertificateLoader.LoadCertificate(leaf.RawData), X509CertificateLoader.LoadCertificate(ca.RawData)];
    }
}
