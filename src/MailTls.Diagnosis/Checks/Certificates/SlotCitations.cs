using MailTls.Core.Certificates;
using MailTls.Core.Evidence;
using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>How certificate findings cite the files and the configuration that names them.</summary>
internal static class SlotCitations
{
    /// <summary>The parameter line naming the certificate file(s).</summary>
    public static EvidenceRef Parameter(CertificateSlot slot, EvidenceSet evidence) =>
        ConfigCitations.Cite(slot.CertificateParameter, evidence.Postfix!.Version);

    /// <summary>A certificate with its place in the file.</summary>
    public static EvidenceRef Certificate(ChainCertificate certificate) =>
        new SourceEvidence(certificate.Location.ToString(), certificate.Describe());

    /// <summary>The services that load the pair.</summary>
    public static IReadOnlyList<string> Affected(CertificateSlot slot) => [.. slot.Services.Select(s => $"smtpd service {s}")];

    /// <summary>A file location as a reader would open it.</summary>
    public static string Where(SourceLocation? location, CertificateSlot slot) =>
        location?.ToString() ?? slot.CertificateParameter.Value;
}
