using System.Security.Cryptography.X509Certificates;

namespace MailTls.Core.Dns;

/// <summary>
/// The safe order for replacing a certificate under DANE (RFC 7671 section 8.1, "publish before
/// use"): add records for the new chain beside the old ones, wait until every cached copy of the
/// old RRset has expired (at least twice the TTL, so that a copy fetched just before the change
/// also expires), switch the certificate, then remove records that match only the old chain.
/// </summary>
/// <param name="Published">The records published now.</param>
/// <param name="ToAdd">Records to add for the new chain (3 1 1 for its leaf, 2 1 1 for its issuer) that are not yet published.</param>
/// <param name="ToRemoveAfterSwitch">Published records that will match nothing once the new chain is served.</param>
/// <param name="Wait">How long to wait between publishing and switching: twice the RRset's TTL.</param>
/// <param name="SafeNow">Whether the published records already match the new chain, so it can be deployed at once.</param>
public sealed record TlsaRolloverPlan(
    IReadOnlyList<TlsaRecord> Published,
    IReadOnlyList<TlsaRecord> ToAdd,
    IReadOnlyList<TlsaRecord> ToRemoveAfterSwitch,
    TimeSpan Wait,
    bool SafeNow)
{
    /// <summary>Plans the rollover from the published RRset to a new chain.</summary>
    /// <param name="published">The records published now.</param>
    /// <param name="newChain">The chain about to be deployed, leaf first.</param>
    /// <param name="ttl">The TTL of the published RRset.</param>
    /// <returns>The plan.</returns>
    public static TlsaRolloverPlan Create(IReadOnlyList<TlsaRecord> published, IReadOnlyList<X509Certificate2> newChain, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(newChain);
        var safeNow = TlsaMatcher.Match(published, newChain).Outcome == TlsaOutcome.Match;
        var toAdd = TlsaCalculator.RecordsToPublish(newChain).Where(r => !published.Contains(r)).ToList();
        var toRemove = published
            .Where(r => r.IsUsableForSmtp && TlsaMatcher.MatchOne(r, newChain).Verdict != TlsaRecordVerdict.Matched)
            .ToList();
        return new TlsaRolloverPlan(published, toAdd, toRemove, ttl * 2, safeNow);
    }
}
