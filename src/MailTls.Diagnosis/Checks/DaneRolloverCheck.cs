using MailTls.Core.Dns;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>
/// The rollover check: would the published TLSA records still match once the certificate files
/// about to be deployed are in use? If not, raises <c>dane-rollover-unsafe</c> with the
/// RFC 7671 section 8.1 order: publish the new records, wait two TTLs, switch, clean up.
/// </summary>
public sealed class DaneRolloverCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var tlsa in evidence.Tlsa)
        {
            var answer = tlsa.Tlsa;
            if (tlsa.DeployChain is not { Count: > 0 } next
                || !answer.Succeeded
                || answer.Dnssec is DnssecStatus.Insecure or DnssecStatus.Bogus
                || !answer.Records.Any(r => r.IsUsableForSmtp))
            {
                continue;
            }

            var plan = TlsaRolloverPlan.Create(answer.Records, next, answer.Ttl);
            if (plan.SafeNow)
            {
                continue;
            }

            var service = $"{tlsa.Host.TrimEnd('.')}:{tlsa.Port}";
            var wait = plan.Wait > TimeSpan.Zero ? $"{TlsaText.Seconds(plan.Wait)} s (twice the TTL)" : "twice the RRset's TTL";
            List<string> steps =
            [
                "1. Add these records to the zone, beside the existing ones, and let the signer publish them:",
                .. TlsaText.ZoneLines(tlsa, plan.ToAdd).Select(l => "   " + l),
                $"2. Check they are served with DNSSEC: dig +dnssec {tlsa.OwnerName} TLSA",
                $"3. Wait at least {wait} so that no sender still caches only the old records.",
                $"4. Deploy the new certificate ({tlsa.DeployChainSource ?? "the new files"}) and reload the MTA.",
            ];
            if (plan.ToRemoveAfterSwitch.Count > 0)
            {
                steps.Add("5. Then remove the records that match only the old certificate:");
                steps.AddRange(TlsaText.ZoneLines(tlsa, plan.ToRemoveAfterSwitch).Select(l => "   " + l));
            }

            yield return FindingCatalogue.DaneRolloverUnsafe.Raise(
                $"None of the TLSA records published at {tlsa.OwnerName} matches the new certificate {TlsaText.Certificate(next[0])}; deploying it now would make DANE senders defer mail to {service}.",
                [
                    .. TlsaText.RecordEvidence(tlsa, answer.Records),
                    new SourceEvidence(tlsa.DeployChainSource ?? "new certificate", $"leaf {TlsaText.Certificate(next[0])}"),
                ],
                new Remediation("Publish before use: new records first, then the certificate, then remove the old records.", steps),
                affected: [service]);
        }
    }
}
