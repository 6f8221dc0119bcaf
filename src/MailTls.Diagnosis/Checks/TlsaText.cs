using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Dns;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>Wording shared by the DANE checks: records, certificates and zone lines as a postmaster reads them.</summary>
internal static class TlsaText
{
    public static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    public static string Certificate(X509Certificate2 certificate) =>
        $"{certificate.Subject} (issuer {certificate.Issuer}, expires {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd})";

    public static string Position(int index) => index == 0 ? "the leaf" : $"chain certificate {index}";

    public static IReadOnlyList<EvidenceRef> RecordEvidence(TlsaEvidence evidence, IEnumerable<TlsaRecord> records) =>
        [.. records.Select(r => new DnsEvidence(evidence.OwnerName, "TLSA", $"{r.ToPresentation()} ({r.Mnemonic})", evidence.Tlsa.Dnssec))];

    public static IReadOnlyList<string> ZoneLines(TlsaEvidence evidence, IEnumerable<TlsaRecord> records) =>
        [.. records.Select(r => r.ToZoneLine(evidence.OwnerName, TtlOrNull(evidence.Tlsa)))];

    public static uint? TtlOrNull<T>(DnsAnswer<T> answer) => answer.Ttl > TimeSpan.Zero ? (uint)answer.Ttl.TotalSeconds : null;

    /// <summary>Why one record does not match, naming the certificate it should describe and what that certificate's record would be.</summary>
    public static string Explain(TlsaRecordMatch match, IReadOnlyList<X509Certificate2> chain)
    {
        var record = match.Record;
        if (match.Verdict == TlsaRecordVerdict.Unusable)
        {
            return $"{record.ToPresentation()} is unusable for SMTP ({record.Usability})";
        }

        if (match.CandidateIndexes.Count == 0)
        {
            return record.Usage == TlsaCertificateUsage.DaneTa
                ? $"{record.ToPresentation()} is DANE-TA(2) but the server sends no certificate above the leaf (RFC 7672 section 3.1.2 requires it)"
                : $"{record.ToPresentation()} has no presented certificate to match";
        }

        var parts = match.CandidateIndexes.Select(i =>
        {
            var actual = TlsaCalculator.Compute(chain[i], record.Usage, record.Selector, record.MatchingType);
            return $"{Position(i)} {Certificate(chain[i])} has {actual.ToPresentation()}";
        });
        return $"{record.ToPresentation()} ({record.Mnemonic}) matches nothing: {string.Join("; ", parts)}";
    }
}
