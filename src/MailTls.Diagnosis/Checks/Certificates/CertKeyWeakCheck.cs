using System.Globalization;
using MailTls.Core.Certificates;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>
/// A server certificate whose key is below today's floor: RSA or DSA under 2048 bits, EC under
/// 256. OpenSSL at security level 2 (Debian 10+, RHEL 8+) refuses such a peer key, so senders on
/// those systems fail the handshake with "ee key too small".
/// </summary>
public sealed class CertKeyWeakCheck : ICheck
{
    /// <summary>The smallest RSA or DSA modulus accepted.</summary>
    public const int MinimumRsaBits = 2048;

    /// <summary>The smallest EC field size accepted.</summary>
    public const int MinimumEcBits = 256;

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var slot in evidence.Certificates.Where(s => s.Report?.Leaf is not null))
        {
            var leaf = slot.Report!.Leaf!;
            var type = CertificateKey.Type(leaf.Certificate);
            var bits = CertificateKey.Bits(leaf.Certificate);
            var minimum = type switch
            {
                "RSA" or "DSA" => MinimumRsaBits,
                "ECDSA" => MinimumEcBits,
                _ => 0,
            };

            // DSA keys are not read by CertificateKey.Bits (0); DSA itself is the problem there.
            if (minimum == 0 || (bits >= minimum && type != "DSA"))
            {
                continue;
            }

            var size = bits > 0 ? bits.ToString(CultureInfo.InvariantCulture) + "-bit " : string.Empty;
            var newKey = type == "ECDSA"
                ? "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /etc/postfix/key.pem -out /etc/postfix/req.csr -subj '/CN=" + slot.HostName + "'"
                : "openssl req -new -newkey rsa:2048 -nodes -keyout /etc/postfix/key.pem -out /etc/postfix/req.csr -subj '/CN=" + slot.HostName + "'";
            yield return FindingCatalogue.CertKeyWeak.Raise(
                $"The certificate at {leaf.Location} has a {size}{type} key; senders whose OpenSSL runs at security level 2 (Debian 10+, RHEL 8+) refuse keys under {minimum} bits with \"ee key too small\".",
                [SlotCitations.Parameter(slot, evidence), SlotCitations.Certificate(leaf)],
                new Remediation(
                    $"Make a new {(type == "ECDSA" ? "P-256 ECDSA" : "2048-bit RSA")} key and have the CA sign a certificate for it; install it with its chain and reload Postfix (publish new TLSA records first if DANE names the old key).",
                    [newKey, "postfix reload   # after installing the signed certificate and its chain"]),
                affected: SlotCitations.Affected(slot));
        }
    }
}
