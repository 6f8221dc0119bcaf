using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace MailTls.Core.Certificates;

/// <summary>
/// The DNS names a certificate carries and how a reference name matches them (RFC 6125 section
/// 6.4: case-insensitive, a wildcard only as the whole left-most label, matching one label).
/// </summary>
public static class CertificateNames
{
    private const string SubjectAltNameOid = "2.5.29.17";

    /// <summary>The subjectAltName DNS names, in certificate order.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The names; empty when there is no SAN extension or it cannot be read.</returns>
    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var names = new List<string>();
        var extension = certificate.Extensions[SubjectAltNameOid];
        if (extension is null)
        {
            return names;
        }

        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                // GeneralName dNSName is [2] IA5String (RFC 5280 section 4.2.1.6).
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 2)
                {
                    names.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 2)));
                }
                else
                {
                    sequence.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed SAN carries no usable names; the caller reports the certificate as nameless.
        }

        return names;
    }

    /// <summary>The subject common name, which verifiers consult only when there is no DNS SAN.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The CN, or null.</returns>
    public static string? CommonName(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.IsNullOrEmpty(cn) ? null : cn;
    }

    /// <summary>The names a verifier would check: the DNS SANs, or the CN when there are none.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> Presented(X509Certificate2 certificate)
    {
        var dns = DnsNames(certificate);
        return dns.Count > 0 ? dns : CommonName(certificate) is { } cn ? [cn] : [];
    }

    /// <summary>Whether a certificate name covers a host name.</summary>
    /// <param name="pattern">A certificate name, possibly <c>*.example.com</c>.</param>
    /// <param name="host">The host name to check.</param>
    /// <returns>True when it matches.</returns>
    public static bool Matches(string pattern, string host)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(host);
        pattern = pattern.TrimEnd('.');
        host = host.TrimEnd('.');
        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(pattern[1..], host[dot..], StringComparison.OrdinalIgnoreCase)
            && pattern.Count(c => c == '.') >= 2;
    }
}
