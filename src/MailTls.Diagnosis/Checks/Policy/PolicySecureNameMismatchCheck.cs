using MailTls.Core.Postfix;
using MailTls.Core.Postfix.Outbound;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Policy;

/// <summary>
/// A verify/secure policy whose servers present trusted certificates that carry none of the
/// required names: Postfix defers with "Server certificate not verified" (scenario 3). Proposes
/// the narrowest match= that covers every server, and says what each alternative trusts.
/// </summary>
public sealed class PolicySecureNameMismatchCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var version = evidence.Postfix?.Version ?? PostfixVersion.Newest;
        foreach (var evaluation in evidence.OutboundPolicies.Where(e => e.Decision.ChecksNames))
        {
            var failing = evaluation.Verdicts.Where(v => v.Deferral == "Server certificate not verified" && v.MatchedName is null).ToList();
            if (failing.Count == 0)
            {
                continue;
            }

            var decision = evaluation.Decision;
            var first = failing[0];
            var required = string.Join(", ", first.RequiredNames.Select(Describe));
            var presented = string.Join(", ", first.PresentedNames);
            var suffix = CommonCoveredParent(evaluation, version);
            var entryKey = decision.Choice.Entry?.Key ?? decision.NextHop.Dest;
            var level = decision.Choice.Level?.ToString().ToLowerInvariant() ?? "secure";
            var otherAttributes = decision.Choice.Policy?.Attributes.Select(a => $" {a.Key}={a.Value}") ?? [];
            var steps = new List<string>();
            if (suffix is not null)
            {
                steps.Add($"{entryKey} {level} match={suffix}{string.Concat(otherAttributes)}");
            }

            steps.Add($"postmap {decision.Choice.Table ?? "hash:/etc/postfix/tls_policy"}");
            yield return FindingCatalogue.PolicySecureNameMismatch.Raise(
                $"At level {level} for {decision.NextHop.Destination}, the certificate of {first.Host} is trusted but names only {presented}, while Postfix requires {required} ({decision.MatchListSource}); Postfix logs \"{first.Label} TLS connection established\" and defers with {first.Dsn} \"{first.Deferral}\".",
                [
                    .. PolicyCitations.Decision(decision),
                    .. failing.Select(v => new HandshakeEvidence(v.Host, $"certificate names {string.Join(", ", v.PresentedNames)}; required {string.Join(", ", v.RequiredNames.Select(Describe))} ({evaluation.CertificateSource})")),
                ],
                new Remediation(
                    suffix is null
                        ? $"Name in match= what you have decided to trust for {decision.NextHop.Destination} (the names its servers' certificates carry)."
                        : $"Trust {suffix[1..]}'s servers for {decision.NextHop.Destination} explicitly: every MX host is under {suffix} and its certificate covers it.",
                    steps,
                    $"match={suffix ?? ".provider"} trusts whoever controls certificates for that domain, a deliberate decision; level verify instead would trust the unauthenticated MX lookup, and match=hostname at secure is the same as verify. Where {decision.NextHop.Destination} publishes DANE TLSA records, level dane needs no match= at all."),
                affected: [decision.NextHop.Destination]);
        }
    }

    private static string Describe(string reference) =>
        reference.StartsWith('.') ? $"any name under {reference[1..]}" : reference;

    /// <summary>
    /// The parent domain shared by every server whose certificate covers its own host name: the
    /// narrowest match= that keeps working when the provider adds MX hosts under it.
    /// </summary>
    private static string? CommonCoveredParent(PolicyEvaluation evaluation, PostfixVersion version)
    {
        var parents = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var verdict in evaluation.Verdicts)
        {
            var dot = verdict.Host.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !verdict.PresentedNames.Any(p => PostfixNameMatcher.Matches(p, verdict.Host, version)))
            {
                return null;
            }

            parents.Add(verdict.Host[dot..].ToLowerInvariant().TrimEnd('.'));
        }

        // A parent that is itself a public suffix ("com") would trust everyone: require two labels.
        return parents.Count == 1 && parents.Single().Count(c => c == '.') >= 2 ? parents.Single() : null;
    }
}
