using System.Globalization;
using MailTls.Core.Logs;
using MailTls.Core.Postfix.Outbound;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Checks.Policy;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Correlation;

/// <summary>
/// Joins deliveries deferred with "Server certificate not verified" although the chain was trusted
/// with the TLS policy entry that demanded the names (scenario 3: <c>fastmail.fm secure</c> requires
/// the certificate to name fastmail.fm, and the MX hosts are under messagingengine.com). The
/// recipient domain comes from the delivery's <c>to=</c> line, the decision from the same rules
/// <c>mailtls policy</c> uses.
/// </summary>
public sealed class SecurePolicyCorrelation : ICorrelationRule
{
    /// <inheritdoc />
    public IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(evidence);
        var logs = findings.FirstOrDefault(f => f.Id == FindingCatalogue.OutboundTlsFailures.Id && f.Topic == TlsCause.ServerCertNameMismatch.ToCode());
        if (logs is null || evidence.Postfix is not { } postfix)
        {
            return findings;
        }

        var events = evidence.TlsEvents
            .Where(e => e.Direction == TlsDirection.Outbound && e.Outcome == TlsOutcome.Failure && e.Cause == TlsCause.ServerCertNameMismatch)
            .ToList();
        var result = findings;
        var joinedAll = true;
        foreach (var group in events.GroupBy(e => RecipientDomain(e.CauseText) ?? string.Empty, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()))
        {
            var decision = group.Key.Length == 0 ? null : OutboundPolicyEvaluator.Decide(group.Key, postfix.Configuration, postfix.Version, evidence.PolicyTables, []);
            if (decision is null || !decision.ChecksNames)
            {
                joinedAll = false;
                continue;
            }

            var domain = group.Key;
            var deliveries = group.ToList();
            var relay = deliveries[0].Peer;
            var required = OutboundPolicyEvaluator.RequiredNames(decision, relay.Host ?? domain);
            var level = decision.Choice.Level?.ToString().ToLowerInvariant() ?? "secure";
            var entry = decision.Choice.Entry;
            var rule = entry is null
                ? $"the global level {level}"
                : $"the {decision.Choice.Table} entry \"{entry.Text}\" ({Path.GetFileName(entry.Location.Path)}:{entry.Location.Line})";
            var provider = relay.Org is { } org && !string.Equals(org, domain, StringComparison.OrdinalIgnoreCase) ? org : null;
            var steps = new List<string>();
            if (provider is not null && entry is not null)
            {
                var attributes = decision.Choice.Policy?.Attributes.Select(a => $" {a.Key}={a.Value}") ?? [];
                steps.Add($"{entry.Key} {level} match=.{provider}{string.Concat(attributes)}");
                steps.Add($"postmap {decision.Choice.Table ?? "hash:/etc/postfix/tls_policy"}");
            }

            steps.Add($"mailtls policy {domain}   # confirms against the certificate the MX hosts serve now");
            var existing = result.FirstOrDefault(f => f.Id == FindingCatalogue.PolicySecureNameMismatch.Id && f.Affected.Contains(domain, StringComparer.OrdinalIgnoreCase));
            var cause = string.Create(CultureInfo.InvariantCulture, $"{deliveries.Count} delivery attempt(s) to {domain} were deferred with \"Server certificate not verified\" although the chain was trusted{TlsEventGroups.Span(deliveries)}:")
                + $" {rule} sets level {level}, so the certificate of {relay} must name {string.Join(" or ", required)} ({decision.MatchListSource})"
                + (provider is null ? "." : $", and {domain}'s mail is handled by {provider} servers.");
            var joined = (existing ?? FindingCatalogue.PolicySecureNameMismatch.Raise(
                cause,
                [],
                new Remediation(
                    provider is null
                        ? $"Name in match= what you have decided to trust for {domain}."
                        : $"Trust {provider}'s servers for {domain} explicitly in the policy entry.",
                    steps,
                    $"match=.{provider ?? "provider"} trusts whoever controls certificates for that domain, a deliberate decision; level verify instead would trust the unauthenticated MX lookup."),
                [domain])) with
            {
                Cause = existing is null ? cause : $"{cause} {existing.Cause}",
                Evidence = [.. PolicyCitations.Decision(decision), .. deliveries.Take(5).Select(e => (EvidenceRef)new LogLineEvidence(e.CauseLocation ?? e.Location, e.CauseText ?? e.Detail ?? e.Cause.ToCode())), .. existing?.Evidence ?? []],
                Occurrences = deliveries.Count,
                Topic = domain,
            };
            result = existing is null ? [.. result, joined] : Joining.Replace(result, [existing], joined);
        }

        return joinedAll && events.Count > 0 ? [.. result.Where(f => f != logs)] : result;
    }

    /// <summary>The domain of the first <c>to=&lt;local@domain&gt;</c> in a delivery line.</summary>
    internal static string? RecipientDomain(string? line)
    {
        if (line is null)
        {
            return null;
        }

        var to = line.IndexOf("to=<", StringComparison.Ordinal);
        if (to < 0)
        {
            return null;
        }

        var end = line.IndexOf('>', to);
        var at = end < 0 ? -1 : line.LastIndexOf('@', end, end - to);
        return at < 0 || end - at <= 1 ? null : line[(at + 1)..end].TrimEnd('.').ToLowerInvariant();
    }
}
