using System.Security.Cryptography.X509Certificates;

namespace MailTls.Core.Dns;

/// <summary>
/// Matches a TLSA RRset against the certificate chain a server presented, the way an RFC 7672
/// SMTP sender does.
/// <para>
/// Inputs: the RRset (any order, any mix of usages) and the chain leaf first, as sent in the TLS
/// Certificate message. Output: per record, which chain positions it may match and which it did;
/// overall, <see cref="TlsaOutcome"/>.
/// </para>
/// <para>
/// Rules: DANE-EE(3) matches the leaf only (RFC 7672 section 3.1.1). DANE-TA(2) matches any
/// certificate above the leaf, which the server must therefore send (RFC 7672 section 3.1.2).
/// PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP (RFC 7672 section 3.1.3), as are unknown
/// selectors, matching types and digests of the wrong length (RFC 7671 section 4). This class
/// does not check names (RFC 7672 section 3.2.2 requires them for DANE-TA only), signatures along
/// the chain or validity dates; those are the certificate analysis's job.
/// </para>
/// </summary>
public static class TlsaMatcher
{
    /// <summary>Matches every record against the chain.</summary>
    /// <param name="records">The TLSA RRset.</param>
    /// <param name="chain">The presented chain, leaf first; may be empty when none was seen.</param>
    /// <returns>The overall outcome and one entry per record.</returns>
    public static TlsaMatchResult Match(IReadOnlyList<TlsaRecord> records, IReadOnlyList<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(chain);
        var results = new List<TlsaRecordMatch>(records.Count);
        foreach (var record in records)
        {
            results.Add(MatchOne(record, chain));
        }

        var outcome = results.Any(r => r.Verdict == TlsaRecordVerdict.Matched) ? TlsaOutcome.Match
            : results.Any(r => r.Verdict == TlsaRecordVerdict.NotMatched) ? TlsaOutcome.Mismatch
            : TlsaOutcome.NoUsableRecords;
        return new TlsaMatchResult(outcome, results);
    }

    /// <summary>Matches one record against the chain.</summary>
    /// <param name="record">The record.</param>
    /// <param name="chain">The presented chain, leaf first.</param>
    /// <returns>The verdict and the positions considered.</returns>
    public static TlsaRecordMatch MatchOne(TlsaRecord record, IReadOnlyList<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(chain);
        if (!record.IsUsableForSmtp)
        {
            return new TlsaRecordMatch(record, TlsaRecordVerdict.Unusable, [], null);
        }

        int[] candidates = record.Usage == TlsaCertificateUsage.DaneEe
            ? (chain.Count > 0 ? [0] : [])
            : [.. Enumerable.Range(1, Math.Max(0, chain.Count - 1))];
        foreach (var index in candidates)
        {
            var expected = TlsaCalculator.Associate(
                TlsaCalculator.SelectContent(chain[index], record.Selector), record.MatchingType);
            if (expected.AsSpan().SequenceEqual(record.AssociationData.Span))
            {
                return new TlsaRecordMatch(record, TlsaRecordVerdict.Matched, candidates, index);
            }
        }

        return new TlsaRecordMatch(record, TlsaRecordVerdict.NotMatched, candidates, null);
    }
}
