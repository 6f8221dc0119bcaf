using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Probe;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>
/// The structure of each chain the server sent, per key type: an intermediate missing (verifying
/// senders do not download it), the root sent along, certificates out of order.
/// </summary>
public sealed class ServedChainCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes)
        {
            foreach (var chain in probe.Chains.Where(c => c.Certificates.Count > 0))
            {
                var certificates = chain.Certificates;
                var facts = Describe(probe, chain);
                if (chain.IssuerMissing)
                {
                    yield return FindingCatalogue.CertChainIncomplete.Raise(
                        $"{probe.Target} sends a {chain.KeyType} chain that ends with a certificate issued by \"{certificates[^1].Issuer}\", which it does not send and no trust anchor is; verifying senders (MTA-STS, DANE-TA, secure policies) cannot build the chain.",
                        facts,
                        new Remediation(
                            "Serve the intermediate certificates after the server certificate (the full chain file your CA provides).",
                            ["postconf -e 'smtpd_tls_chain_files = /etc/postfix/key.pem, /etc/postfix/fullchain.pem'", "postfix reload"]),
                        affected: [probe.Target]);
                }

                if (certificates.Count > 1 && SelfIssued(certificates[^1]))
                {
                    yield return FindingCatalogue.CertChainIncludesRoot.Raise(
                        $"{probe.Target} sends the root \"{certificates[^1].Subject}\" with its {chain.KeyType} chain; senders use their own copy, so it only costs bytes in every handshake.",
                        facts,
                        new Remediation("Drop the root from the chain file.", ["# remove the last certificate from the chain file", "postfix reload"]),
                        affected: [probe.Target]);
                }

                var misplaced = Enumerable.Range(0, certificates.Count - 1)
                    .FirstOrDefault(i => !certificates[i].IssuerName.RawData.AsSpan().SequenceEqual(certificates[i + 1].SubjectName.RawData), -1);
                if (misplaced >= 0)
                {
                    yield return FindingCatalogue.CertChainOrder.Raise(
                        $"{probe.Target} sends its {chain.KeyType} chain out of order: certificate {misplaced + 1} (\"{certificates[misplaced].Subject}\") is followed by \"{certificates[misplaced + 1].Subject}\", not by its issuer.",
                        facts,
                        new Remediation("Order the chain file leaf first, then each issuer.", ["cat cert.pem intermediate.pem > fullchain.pem", "postfix reload"]),
                        affected: [probe.Target]);
                }
            }
        }
    }

    internal static bool SelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    internal static List<EvidenceRef> Describe(TlsProbeResult probe, ServedChain chain) =>
    [
        ProbeText.Fact(probe, $"{chain.KeyType} chain from {chain.Source}, trust: {chain.Trust.ToString().ToLowerInvariant()} ({string.Join("; ", chain.TrustDetail)})"),
        .. chain.Certificates.Select((c, i) => ProbeText.Fact(probe, $"#{i + 1} subject \"{c.Subject}\", issuer \"{c.Issuer}\", valid {c.NotBefore.ToUniversalTime():yyyy-MM-dd} to {c.NotAfter.ToUniversalTime():yyyy-MM-dd}")),
    ];
}
