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
        foreach (var slot in evidence.Certificates.Where(s => s.Services.Contains(service.ServiceName) && s.Report?.Leaf is not null))
        {
            authentication |= slot.Report!.Leaf!.Certificate.GetKeyAlgorithm() switch
            {
                RsaOid => OpenSslAuthentication.Rsa,
                EcOid => OpenSslAuthentication.Ecdsa,
                _ => OpenSslAuthentication.None,
            };
        }

        certificateBasis = authentication == OpenSslAuthentication.None
            ? "no readable server certificate; an RSA certificate is assumed"
            : $"server certificate key types: {authentication.ToString().ToUpperInvariant()}";
        if (authentication == OpenSslAuthentication.None)
        {
            authentication = OpenSslAuthentication.Rsa;
        }

        var config = postfix.Configuration;
        var ecdhe = !string.Equals(config.Resolve("smtpd_tls_eecdh_grade", service.Service).Value.Trim(), "none", StringComparison.OrdinalIgnoreCase)
            || postfix.Version.AtLeast(3, 6);
        var preference = string.Equals(config.Resolve("tls_preempt_cipherlist", service.Service).Value.Trim(), "yes", StringComparison.OrdinalIgnoreCase);
        return new SenderSimulator(service, postfix.OpenSslBuild, authentication, ecdhe, preference);
    }
}
