using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.MtaSts;

/// <summary>
/// The two discovery records: an invalid or duplicated <c>_mta-sts</c> TXT record makes senders
/// ignore MTA-STS (RFC 8461 section 3.1, <c>mta-sts-record-invalid</c>); an invalid or duplicated
/// <c>_smtp._tls</c> record means no TLS reports arrive (RFC 8460 section 3,
/// <c>tlsrpt-record-invalid</c>). Absent records are not findings: both mechanisms are optional.
/// </summary>
public sealed class MtaStsRecordCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var sts in evidence.MtaSts)
        {
            if (sts.Record.Problems.Count > 0)
            {
                yield return FindingCatalogue.MtaStsRecordInvalid.Raise(
                    $"The _mta-sts record of {sts.Domain} is invalid ({sts.Record.Problems[0].Message}), so senders act as if {sts.Domain} had no MTA-STS policy.",
                    [.. MtaStsText.TxtEvidence(sts.RecordAnswer, sts.Record.Candidates),
                     .. sts.Record.Problems.Select(p => new DnsEvidence(sts.RecordAnswer.Name, "TXT", p.ToString(), sts.RecordAnswer.Dnssec))],
                    new Remediation(
                        "Publish exactly one v=STSv1 record with an id of 1 to 32 letters and digits, replacing the ones there now.",
                        [MtaStsText.StsRecordLine(sts, evidence.CollectedAt), $"dig +short {sts.RecordAnswer.Name} TXT"]),
                    affected: [sts.Domain]);
            }

            if (sts.TlsRpt.Problems.Count > 0)
            {
                var valid = sts.TlsRpt.Record?.ReportUris.Select(u => u.OriginalString).ToList() ?? [];
                var rua = valid.Count > 0 ? string.Join(",", valid) : $"mailto:tlsrpt@{sts.Domain}";
                yield return FindingCatalogue.TlsRptRecordInvalid.Raise(
                    $"The _smtp._tls record of {sts.Domain} is invalid ({sts.TlsRpt.Problems[0].Message}), so senders send no TLS reports and failures go unseen.",
                    [.. MtaStsText.TxtEvidence(sts.TlsRptAnswer, sts.TlsRpt.Candidates),
                     .. sts.TlsRpt.Problems.Select(p => new DnsEvidence(sts.TlsRptAnswer.Name, "TXT", p.ToString(), sts.TlsRptAnswer.Dnssec))],
                    new Remediation(
                        "Publish exactly one v=TLSRPTv1 record whose rua lists mailto: or https: destinations.",
                        [$"_smtp._tls.{sts.Domain}. IN TXT {MtaStsText.Quote($"v=TLSRPTv1; rua={rua}")}", $"dig +short {sts.TlsRptAnswer.Name} TXT"]),
                    affected: [sts.Domain]);
            }
        }
    }
}
