using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Policy;

/// <summary>
/// At verify or secure, a server whose chain the configured CAs do not vouch for: Postfix defers
/// with "Server certificate not trusted" (before 3.6) or "not verified" (3.6+), whatever the names.
/// Not raised when no CA is configured at all (policy-no-ca-configured says that).
/// </summary>
public sealed class PolicyChainUntrustedCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is { } postfix && !PolicyNoCaConfiguredCheck.HasCa(postfix))
        {
            yield break;
        }

        foreach (var evaluation in evidence.OutboundPolicies.Where(e => e.Decision.ChecksNames))
        {
            var untrusted = evaluation.Verdicts.Where(v => !v.ChainTrusted).ToList();
            if (untrusted.Count == 0)
            {
                continue;
            }

            var decision = evaluation.Decision;
            yield return FindingCatalogue.PolicyChainUntrusted.Raise(
                $"The certificate chain of {string.Join(", ", untrusted.Select(v => v.Host))} is not trusted by smtp_tls_CAfile/smtp_tls_CApath, so at level {decision.Choice.Level?.ToString().ToLowerInvariant()} Postfix defers mail for {decision.NextHop.Destination} with {untrusted[0].Dsn} \"{untrusted[0].Deferral}\".",
                [.. PolicyCitations.Decision(decision), new SourceEvidence(evaluation.CertificateSource ?? "certificate", "the chain does not link to a configured CA")],
                new Remediation(
                    "Give smtp(8) the CAs senders normally trust (Debian: the system bundle), or the issuer this destination uses.",
                    ["postconf -e 'smtp_tls_CApath = /etc/ssl/certs'", "postfix reload"],
                    "Trusting the whole system bundle is what MTA-STS senders do; a single tafile= in the policy entry trusts only that issuer."),
                affected: [decision.NextHop.Destination]);
        }
    }
}
