using MailTls.Core.Postfix;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Policy;

/// <summary>
/// A verify or secure policy while neither smtp_tls_CAfile nor smtp_tls_CApath is set: smtp(8)
/// trusts no CA at all (tls_append_default_CA is off by default), so every such destination is
/// deferred, whatever its certificate.
/// </summary>
public sealed class PolicyNoCaConfiguredCheck : ICheck
{
    /// <summary>Whether smtp(8) has any CA to verify with.</summary>
    /// <param name="postfix">The configuration.</param>
    /// <returns>True when a CA file or directory is set.</returns>
    public static bool HasCa(PostfixEvidence postfix)
    {
        ArgumentNullException.ThrowIfNull(postfix);
        return postfix.Configuration.Resolve("smtp_tls_CAfile").Value.Trim().Length > 0
            || postfix.Configuration.Resolve("smtp_tls_CApath").Value.Trim().Length > 0;
    }

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix || HasCa(postfix))
        {
            yield break;
        }

        var verifying = evidence.OutboundPolicies.Where(e => e.Decision.ChecksNames).ToList();
        if (verifying.Count == 0)
        {
            yield break;
        }

        yield return FindingCatalogue.PolicyNoCaConfigured.Raise(
            $"Level verify/secure applies to {string.Join(", ", verifying.Select(e => e.Decision.NextHop.Destination))}, but neither smtp_tls_CAfile nor smtp_tls_CApath is set, so no certificate can be trusted and every message to them is deferred.",
            [.. verifying.SelectMany(e => PolicyCitations.Decision(e.Decision)), new SourceEvidence("main.cf", "smtp_tls_CAfile and smtp_tls_CApath are empty")],
            new Remediation(
                "Point smtp(8) at the system's trusted CAs.",
                ["postconf -e 'smtp_tls_CApath = /etc/ssl/certs'", "postfix reload"]),
            affected: [.. verifying.Select(e => e.Decision.NextHop.Destination)]);
    }
}
