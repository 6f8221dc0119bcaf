using MailTls.Core.Dns;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>
/// Matches published TLSA records against the chain the server presents, as an RFC 7672 sender
/// does. Raises <c>dane-tlsa-mismatch</c> (with the records to publish for the served chain),
/// <c>dane-no-usable-tlsa</c> and <c>dane-pkix-usage-ignored</c>. Records a sender ignores
/// (insecure) or cannot see (bogus, failed lookups) are left to <see cref="DaneDnssecCheck"/> and
/// <see cref="SourceUnavailableCheck"/>.
/// </summary>
public sealed class DaneTlsaMatchCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var tlsa in evidence.Tlsa)
        {
            var answer = tlsa.Tlsa;
            if (!answer.Succeeded || answer.Records.Count == 0 || answer.Dnssec is DnssecStatus.Insecure or DnssecStatus.Bogus)
            {
                continue;
            }

            var service = $"{tlsa.Host.TrimEnd('.')}:{tlsa.Port}";
            var pkix = answer.Records.Where(r => r.Usability == TlsaUsability.PkixUsage).ToList();
            if (pkix.Count > 0)
            {
                yield return FindingCatalogue.DanePkixUsageIgnored.Raise(
                    $"{tlsa.OwnerName} publishes {pkix.Count} TLSA record(s) with a PKIX usage (0 or 1), which SMTP senders ignore (RFC 7672 section 3.1.3).",
                    TlsaText.RecordEvidence(tlsa, pkix),
                    new Remediation(
                        "Publish DANE-EE(3) or DANE-TA(2) records instead, e.g. 3 1 1 for the server's key.",
                        [$"mailtls dane --cert CERT.pem --chain CHAIN.pem --host {tlsa.Host.TrimEnd('.')} --port {tlsa.Port}"]),
                    affected: [service]);
            }

            if (answer.Records.All(r => !r.IsUsableForSmtp))
            {
                yield return FindingCatalogue.DaneNoUsableTlsa.Raise(
                    $"None of the {answer.Records.Count} TLSA record(s) at {tlsa.OwnerName} is usable for SMTP, so DANE senders require TLS to {service} but authenticate nothing.",
                    TlsaText.RecordEvidence(tlsa, answer.Records),
                    FixFor(tlsa, "Replace them with DANE-EE(3) and DANE-TA(2) records for the certificate in use."),
                    affected: [service]);
                continue;
            }

            if (tlsa.ServedChain is not { } chain)
            {
                continue;
            }

            var result = TlsaMatcher.Match(answer.Records, chain);
            if (result.Outcome != TlsaOutcome.Mismatch)
            {
                continue;
            }

            List<EvidenceRef> facts = [.. TlsaText.RecordEvidence(tlsa, answer.Records)];
            facts.AddRange(result.Records
                .Where(r => r.Verdict == TlsaRecordVerdict.NotMatched)
                .Select(r => new HandshakeEvidence(tlsa.ServedChainSource ?? service, TlsaText.Explain(r, chain))));
            yield return FindingCatalogue.DaneTlsaMismatch.Raise(
                $"No usable TLSA record at {tlsa.OwnerName} matches the certificate {tlsa.Host.TrimEnd('.')}:{tlsa.ServedPort ?? tlsa.Port} presents ({TlsaText.Certificate(chain[0])}), so DANE senders abort the TLS handshake (often with a 'bad certificate' alert) and defer mail.",
                facts,
                FixFor(tlsa, "Publish records for the certificate in use beside the old ones; remove the old ones once the new ones are visible everywhere (after two TTLs)."),
                affected: [service]);
        }
    }

    private static Remediation FixFor(TlsaEvidence tlsa, string summary)
    {
        var publish = tlsa.ServedChain is { Count: > 0 } chain
            ? TlsaText.ZoneLines(tlsa, TlsaCalculator.RecordsToPublish(chain))
            : [$"mailtls dane --cert CERT.pem --chain CHAIN.pem --host {tlsa.Host.TrimEnd('.')} --port {tlsa.Port}"];
        return new Remediation(summary, [.. publish, $"dig +dnssec {tlsa.OwnerName} TLSA"]);
    }
}
