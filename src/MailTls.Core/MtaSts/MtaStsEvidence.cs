using MailTls.Core.Dns;

namespace MailTls.Core.MtaSts;

/// <summary>
/// Everything a sender consults for a domain's MTA-STS and TLS-RPT: the two TXT records, the policy
/// fetched over HTTPS, and the MX hosts the policy must cover.
/// </summary>
/// <param name="Domain">The mail domain, without a final dot.</param>
/// <param name="RecordAnswer">The <c>_mta-sts.DOMAIN</c> TXT answer.</param>
/// <param name="Record">The <c>_mta-sts</c> record chosen from it.</param>
/// <param name="TlsRptAnswer">The <c>_smtp._tls.DOMAIN</c> TXT answer.</param>
/// <param name="TlsRpt">The TLS-RPT record chosen from it.</param>
/// <param name="Fetch">The HTTPS fetch; null when no <c>_mta-sts</c> record invited one.</param>
/// <param name="Policy">The parsed policy, when a body was fetched.</param>
/// <param name="Mx">The domain's MX hosts, when they were looked up.</param>
public sealed record MtaStsEvidence(
    string Domain,
    DnsAnswer<string> RecordAnswer,
    TxtRecordSelection<MtaStsRecord> Record,
    DnsAnswer<string> TlsRptAnswer,
    TxtRecordSelection<TlsRptRecord> TlsRpt,
    MtaStsFetch? Fetch,
    MtaStsPolicyParse? Policy,
    MxResolution? Mx)
{
    /// <summary>The policy host, <c>mta-sts.DOMAIN</c> (RFC 8461 section 3.3).</summary>
    public string PolicyHost => "mta-sts." + Domain;
}
