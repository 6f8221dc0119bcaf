using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailTls.Core.Dns;

/// <summary>
/// Computes TLSA association data for certificates (RFC 6698 sections 2.1.2 and 2.1.3), and the
/// records RFC 7672 section 3.1 recommends an SMTP server publish: <c>3 1 1</c> for its own key
/// and <c>2 1 1</c> for its issuer's key.
/// </summary>
public static class TlsaCalculator
{
    /// <summary>The selected content of a certificate: its DER encoding, or its DER SubjectPublicKeyInfo.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="selector">Cert(0) or SPKI(1).</param>
    /// <returns>The bytes the matching type applies to.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The selector is not one RFC 6698 defines.</exception>
    public static byte[] SelectContent(X509Certificate2 certificate, TlsaSelector selector)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return selector switch
        {
            TlsaSelector.Cert => certificate.RawData,
            TlsaSelector.Spki => certificate.PublicKey.ExportSubjectPublicKeyInfo(),
            _ => throw new ArgumentOutOfRangeException(nameof(selector), selector, "only Cert(0) and SPKI(1) are defined"),
        };
    }

    /// <summary>Applies a matching type to selected content.</summary>
    /// <param name="content">The selected content.</param>
    /// <param name="matchingType">Full(0), SHA2-256(1) or SHA2-512(2).</param>
    /// <returns>The association data.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The matching type is not one RFC 6698 defines.</exception>
    public static byte[] Associate(ReadOnlySpan<byte> content, TlsaMatchingType matchingType) => matchingType switch
    {
        TlsaMatchingType.Full => content.ToArray(),
        TlsaMatchingType.Sha256 => SHA256.HashData(content),
        TlsaMatchingType.Sha512 => SHA512.HashData(content),
        _ => throw new ArgumentOutOfRangeException(nameof(matchingType), matchingType, "only Full(0), SHA2-256(1) and SHA2-512(2) are defined"),
    };

    /// <summary>The TLSA record with the given parameters that describes a certificate.</summary>
    /// <param name="certificate">The certificate the record should match.</param>
    /// <param name="usage">The certificate usage to write; it does not change the data.</param>
    /// <param name="selector">What part of the certificate to describe.</param>
    /// <param name="matchingType">How to present it.</param>
    /// <returns>The record.</returns>
    public static TlsaRecord Compute(
        X509Certificate2 certificate,
        TlsaCertificateUsage usage = TlsaCertificateUsage.DaneEe,
        TlsaSelector selector = TlsaSelector.Spki,
        TlsaMatchingType matchingType = TlsaMatchingType.Sha256) =>
        new(usage, selector, matchingType, Associate(SelectContent(certificate, selector), matchingType));

    /// <summary>
    /// The records to publish for a chain as a server presents it (leaf first): <c>3 1 1</c> for
    /// the leaf's key and, when the chain has an issuer, <c>2 1 1</c> for the issuer's key. This is
    /// the pair RFC 7671 section 8.1 and Postfix's DANE guide recommend: either survives a renewal
    /// that the other does not.
    /// </summary>
    /// <param name="chain">The presented chain, leaf first.</param>
    /// <returns>One or two records, <c>3 1 1</c> first.</returns>
    public static IReadOnlyList<TlsaRecord> RecordsToPublish(IReadOnlyList<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentOutOfRangeException.ThrowIfZero(chain.Count);
        var records = new List<TlsaRecord>(2) { Compute(chain[0]) };
        if (chain.Count > 1)
        {
            records.Add(Compute(chain[1], TlsaCertificateUsage.DaneTa));
        }

        return records;
    }
}
