using MailTls.Core.Postfix.Outbound;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// Level dane or dane-only (globally or in the policy table) while smtp_dns_support_level is not
/// dnssec: Postfix cannot see DNSSEC status, so dane degrades to may with a warning and dane-only
/// defers with 4.7.5 "client TLS configuration problem".
/// </summary>
public sealed class PolicyDaneWithoutDnssecCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix || !postfix.Version.AtLeast(2, 11))
        {
            yield break;
        }

        var config = postfix.Configuration;
        var dns = config.Resolve("smtp_dns_support_level");
        if (string.Equals(dns.Value.Trim(), "dnssec", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        var uses = new List<(EvidenceRef Where, string What, OutboundLevel Level)>();
        var global = config.Resolve("smtp_tls_security_level");
        if (TlsPolicy.ParseLevel(global.Value.Trim(), postfix.Version) is OutboundLevel.Dane or OutboundLevel.DaneOnly)
        {
            uses.Add((ConfigCitations.Cite(global, postfix.Version), "the global level", TlsPolicy.ParseLevel(global.Value.Trim(), postfix.Version)!.Value));
        }

        foreach (var entry in evidence.PolicyTables.SelectMany(t => t.Entries.Values))
        {
            if (TlsPolicy.Parse(entry.Value, postfix.Version).Level is OutboundLevel.Dane or OutboundLevel.DaneOnly && TlsPolicy.Parse(entry.Value, postfix.Version).Level is { } level)
            {
                uses.Add((new ConfigLineEvidence(entry.Location, entry.Text), entry.Key, level));
            }
        }

        if (uses.Count == 0)
        {
            yield break;
        }

        var daneOnly = uses.Any(u => u.Level == OutboundLevel.DaneOnly);
        yield return FindingCatalogue.PolicyDaneWithoutDnssec.Raise(
            $"DANE is configured for {string.Join(", ", uses.Select(u => u.What))}, but smtp_dns_support_level = {(dns.Value.Length == 0 ? "(empty)" : dns.Value)}, so Postfix cannot see DNSSEC status: "
                + (daneOnly ? "dane-only destinations are deferred with 4.7.5 \"client TLS configuration problem\"" : "dane silently degrades to opportunistic may") + ".",
            [.. uses.Select(u => u.Where), ConfigCitations.Cite(dns, postfix.Version)],
            new Remediation(
                "Turn on DNSSEC lookups, with a validating resolver (e.g. unbound) on this machine in /etc/resolv.conf.",
                ["postconf -e 'smtp_dns_support_level = dnssec'", "postfix reload"],
                "DNSSEC status is only as trustworthy as the path to the resolver: use one on 127.0.0.1."),
            affected: [.. uses.Select(u => u.What)],
            severity: daneOnly ? Severity.Critical : Severity.Warning);
    }
}
