using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;

namespace MailTls.Diagnosis.Tests.Checks.Dane;

/// <summary>Hand-built DANE evidence: chains made with CertificateRequest and TLSA answers as a collector would return them.</summary>
internal static class DaneTestData
{
    public const string Host = "mx.example.com";

    public static X509Certificate2[] Chain(string generation = "current")
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=Test CA {generation}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256);
        using var leaf = request.Create(ca, now.AddDays(-1), now.AddDays(10), RandomNumberGenerator.GetBytes(8));
        return [X509CertificateLoader.LoadCertificate(leaf.RawData), X509CertificateLoader.LoadCertificate(ca.RawData)];
    }

    public static DnsAnswer<TlsaRecord> Answer(IReadOnlyList<TlsaRecord> records, DnssecStatus dnssec = DnssecStatus.Secure, int ttl = 3600) =>
        new(TlsaRecord.OwnerName(Host, 25), "TLSA", DnsResponseStatus.NoError, dnssec, records, [], TimeSpan.FromSeconds(ttl), "127.0.0.1:53", null);

    public static DnsAnswer<TlsaRecord> Bogus() =>
        new(TlsaRecord.OwnerName(Host, 25), "TLSA", DnsResponseStatus.ServerFailure, DnssecStatus.Bogus, [], [], TimeSpan.Zero, "127.0.0.1:5353",
            new ProbeFailure("_25._tcp.mx.example.com. TLSA", FailureReason.ServerError, "SERVFAIL; answers with checking disabled: bogus"));

    public static EvidenceSet Evidence(DnsAnswer<TlsaRecord> answer, IReadOnlyList<X509Certificate2>? served = null, IReadOnlyList<X509Certificate2>? deploy = null) =>
        new() { Tlsa = [new TlsaEvidence(Host, 25, answer, served, served is null ? null : "mx.example.com[192.0.2.1]:25", deploy, deploy is null ? null : "new.pem")] };
}
