using MailTls.Core.Postfix;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// smtpd_tls_mandatory_* settings in main.cf while no smtpd service enforces TLS: smtpd uses the
/// mandatory lists only at level encrypt or in wrapper mode, so these lines change nothing and
/// often hide that the opportunistic setting is the one that matters.
/// </summary>
public sealed class MandatorySettingUnusedCheck : ICheck
{
    private static readonly (string Mandatory, string Opportunistic)[] Pairs =
    [
        ("smtpd_tls_mandatory_protocols", "smtpd_tls_protocols"),
        ("smtpd_tls_mandatory_ciphers", "smtpd_tls_ciphers"),
        ("smtpd_tls_mandatory_exclude_ciphers", "smtpd_tls_exclude_ciphers"),
    ];

    /// <summary>Protocol and exclusion lists compare equal regardless of separators, order and case.</summary>
    private static string Normalize(string list) =>
        string.Join(',', list.Split([' ', ',', ':', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToUpperInvariant()).Order(StringComparer.Ordinal));

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            yield break;
        }

        var services = InboundTlsEvaluator.Evaluate(postfix);
        if (services.Count == 0 || services.Any(s => s.Enforced))
        {
            yield break;
        }

        var levels = string.Join(", ", services.Select(s => $"{s.ServiceName}: {s.Level.ToString().ToLowerInvariant()}"));
        foreach (var (mandatory, opportunistic) in Pairs)
        {
            if (!postfix.Configuration.Main.Effective.TryGetValue(mandatory, out var entry))
            {
                continue;
            }

            var current = postfix.Configuration.Resolve(opportunistic);
            var duplicate = Normalize(current.Value) == Normalize(postfix.Configuration.Resolve(mandatory).Value);
            var fix = duplicate
                ? new Remediation(
                    $"The line repeats what {opportunistic} already says; remove it so the configuration shows what is in force.",
                    [$"postconf -X {mandatory}"])
                : new Remediation(
                    $"If the value was meant for opportunistic TLS, set {opportunistic}; otherwise remove the unused line.",
                    [$"postconf -e '{opportunistic} = {entry.Value}'", $"postconf -X {mandatory}"],
                    $"Copying a strict value to {opportunistic} also refuses opportunistic senders that offer less; check inbound-protocol-floor first.");
            yield return FindingCatalogue.MandatorySettingUnused.Raise(
                $"{mandatory} ({entry.Location}) applies only where TLS is enforced, and no smtpd service enforces it ({levels}); the setting in force is {opportunistic}.",
                [
                    new ConfigLineEvidence(entry.Location, entry.Text, mandatory),
                    ConfigCitations.Cite(current, postfix.Version),
                ],
                fix,
                affected: [.. services.Select(ConfigCitations.Describe)]);
        }
    }
}
