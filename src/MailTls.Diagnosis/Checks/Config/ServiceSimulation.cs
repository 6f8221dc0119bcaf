using System.Security.Cryptography.X509Certificates;
using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>Builds a <see cref="SenderSimulator"/> for a service from the evidence around it.</summary>
internal static class ServiceSimulation
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    public static SenderSimulator For(InboundTlsSettings service, EvidenceSet evidence, out string certificateBasis)
    {
        var postfix = evidence.Postfix!;
        var authentication = OpenSslAuthentication.None;
        var keys = new List<string>();
        foreach (var slot in evidence.Certificates.Where(s => s.Services.Contains(service.ServiceName) && s.Report?.Leaf is not null))
        {
            var leaf = slot.Report!.Leaf!.Certificate;
            var (kind, bits) = leaf.GetKeyAlgorithm() switch
            {
                RsaOid => (OpenSslAuthentication.Rsa, KeySize(leaf.GetRSAPublicKey())),
                EcOid => (OpenSslAuthentication.Ecdsa, KeySize(leaf.GetECDsaPublicKey())),
                _ => (OpenSslAuthentication.None, (int?)null),
            };
            authentication |= kind;
            var days = (int)Math.Floor((new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero) - evidence.CollectedAt).TotalDays);
            keys.Add($"{(kind == OpenSslAuthentication.None ? leaf.GetKeyAlgorithm() : kind.ToString().ToUpperInvariant())} {bits} bits, {days} days left");
        }

        certificateBasis = authentication == OpenSslAuthentication.None
            ? "no readable server certificate; an RSA certificate is assumed"
            : $"server certificate keys: {string.Join("; ", keys)}";
        if (authentication == OpenSslAuthentication.None)
        {
            authentication = OpenSslAuthentication.Rsa;
        }

        var config = postfix.Configuration;
        var ecdhe = !string.Equals(config.Resolve("smtpd_tls_eecdh_grade", service.Service).Value.Trim(), "none", StringComparison.OrdinalIgnoreCase)
            || postfix.Version.AtLeast(3, 6);
        var preference = config.Resolve("tls_preempt_cipherlist", service.Service).IsYes;
        return new SenderSimulator(service, postfix.OpenSslBuild, authentication, ecdhe, preference);
    }

    private static int? KeySize(System.Security.Cryptography.AsymmetricAlgorithm? key)
    {
        using (key)
        {
            return key?.KeySize;
        }
    }
}
