using MailTls.Core.Dns;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>
/// The DNSSEC standing of TLSA lookups (RFC 7672 section 2.2): a bogus answer makes DANE senders
/// defer mail (<c>dane-dnssec-bogus</c>); TLSA records in an insecure zone are ignored, so they
/// protect nothing (<c>dane-dnssec-insecure</c>).
/// </summary>
public sealed class DaneDnssecCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var tlsa in evidence.Tlsa)
        {
            var answer = tlsa.Tlsa;
            var service = $"{tlsa.Host.TrimEnd('.')}:{tlsa.Port}";
            if (answer.Dnssec == DnssecStatus.Bogus)
            {
                yield return FindingCatalogue.DaneDnssecBogus.Raise(
                    $"The TLSA lookup for {tlsa.OwnerName} fails DNSSEC validation at {answer.Server}, so DANE senders defer all mail to {service} until it validates.",
                    [new DnsEvidence(tlsa.OwnerName, "TLSA", answer.Failure?.Message ?? "SERVFAIL", DnssecStatus.Bogus)],
                    new Remediation(
                        "Find the broken link with a validating tool, then re-sign the zone or correct the DS record at the parent.",
                        [
                            $"delv @{HostOf(answer.Server)} -p {PortOf(answer.Server)} {tlsa.OwnerName} TLSA",
                            $"dig +dnssec +cd {tlsa.OwnerName} TLSA",
                            "check that the zone's RRSIGs have not expired and that the parent's DS matches a current DNSKEY",
                        ]),
                    affected: [service]);
            }
            else if (answer.Succeeded && answer.Records.Count > 0 && answer.Dnssec == DnssecStatus.Insecure)
            {
                yield return FindingCatalogue.DaneDnssecInsecure.Raise(
                    $"{tlsa.OwnerName} has TLSA records but they are not DNSSEC-validated, so senders do not use DANE for {service} and fall back to opportunistic TLS.",
                    TlsaText.RecordEvidence(tlsa, answer.Records),
                    new Remediation(
                        "Sign the zone and publish its DS record at the parent, or remove the TLSA records if DANE is not wanted.",
                        [$"dig +dnssec {tlsa.OwnerName} TLSA", "sign the zone (e.g. Knot 'dnssec-signing: on', BIND 'dnssec-policy default;') and submit the DS to the registrar"]),
                    affected: [service]);
            }
        }
    }

    private static string HostOf(string server)
    {
        var first = server.Split(',')[0].Trim();
        return first.LastIndexOf(':') is var i and > 0 ? first[..i].Trim('[', ']') : first;
    }

    private static string PortOf(string server)
    {
        var first = server.Split(',')[0].Trim();
        return first.LastIndexOf(':') is var i and > 0 && !first.EndsWith(']') ? first[(i + 1)..] : "53";
    }
}
