using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Evidence;

namespace MailTls.Core.Certificates;

/// <summary>A certificate read from a file, with where it stands in the file.</summary>
/// <param name="Certificate">The certificate.</param>
/// <param name="Location">The file and the line of its BEGIN marker.</param>
public sealed record ChainCertificate(X509Certificate2 Certificate, SourceLocation Location)
{
    /// <summary>Whether subject and issuer are the same name, as in a root.</summary>
    public bool IsSelfIssued => Certificate.SubjectName.RawData.AsSpan().SequenceEqual(Certificate.IssuerName.RawData);

    /// <summary>Whether <paramref name="issuer"/>'s subject is this certificate's issuer name.</summary>
    /// <param name="issuer">A candidate issuer.</param>
    /// <returns>True when the names link.</returns>
    public bool IsIssuedBy(ChainCertificate issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return Certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.Certificate.SubjectName.RawData);
    }

    /// <summary>A one-line description: subject, issuer and validity.</summary>
    public string Describe() =>
        $"subject \"{Certificate.Subject}\", issuer \"{Certificate.Issuer}\", valid {Certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} to {Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}";
}
