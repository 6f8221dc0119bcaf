using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Policy;

/// <summary>
/// Policy-table keys that no lookup can ever produce: a wildcard (<c>*.example.com</c>; policy
/// tables have none, the sub-domain form is <c>.example.com</c>), a trailing dot, an address or a
/// URL. The destination silently gets the global level instead.
/// </summary>
public sealed class PolicyEntryUnreachableCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var entry in evidence.PolicyTables.SelectMany(t => t.Entries.Values))
        {
            var (why, better) = Diagnose(entry.Key);
            if (why is null)
            {
                continue;
            }

            yield return FindingCatalogue.PolicyEntryUnreachable.Raise(
                $"The policy key \"{entry.Key}\" ({entry.Location}) can never match: {why}; those destinations get the global smtp_tls_security_level instead.",
                [new ConfigLineEvidence(entry.Location, entry.Text)],
                new Remediation(
                    $"Write the key as {better}.",
                    [$"{better} {entry.Value}"]),
                affected: [entry.Key]);
        }
    }

    private static (string? Why, string Better) Diagnose(string key)
    {
        if (key.StartsWith("*.", StringComparison.Ordinal))
        {
            return ("policy tables have no wildcards; \".domain\" is the key for every sub-domain", key[1..]);
        }

        if (key.EndsWith('.') && !key.StartsWith('.'))
        {
            return ("next-hop names never end with a dot", key.TrimEnd('.'));
        }

        if (key.Contains('@', StringComparison.Ordinal))
        {
            return ("the key is a next-hop domain, never an address", key[(key.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        }

        return key.Contains("://", StringComparison.Ordinal)
            ? ("the key is a next-hop domain, not a URL", key[(key.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/'))
            : (null, key);
    }
}
