using MailTls.Core.Tls;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>
/// The server accepts NULL, export or broken ciphers (warning), or 3DES-class ones (info).
/// Anonymous authentication alone is not weak here: Postfix offers aNULL on purpose at level may.
/// </summary>
public sealed class WeakSuiteAcceptedCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes)
        {
            var accepted = probe.Protocols.SelectMany(p => p.Suites).Select(s => s.Suite).DistinctBy(s => s.Code).ToList();
            var broken = accepted.Where(s => s.Strength is CipherStrength.None or CipherStrength.Export or CipherStrength.Low).ToList();
            var medium = accepted.Where(s => s.Strength == CipherStrength.Medium).ToList();
            if (broken.Count == 0 && medium.Count == 0)
            {
                continue;
            }

            var named = broken.Count > 0 ? broken : medium;
            yield return FindingCatalogue.WeakSuiteAccepted.Raise(
                $"{probe.Target} accepts {string.Join(", ", named.Select(s => s.DisplayName))}{(broken.Count > 0 ? ": no encryption, export-grade or broken ciphers" : ": 64-bit block ciphers (Sweet32)")}.",
                [.. ProbeText.Suites(probe, s => named.Contains(s))],
                new Remediation(
                    "Exclude the weak ciphers.",
                    ["postconf -e 'smtpd_tls_exclude_ciphers = NULL, EXPORT, LOW, RC4, DES, 3DES, MD5'", "postfix reload"]),
                affected: [probe.Target],
                severity: broken.Count > 0 ? Severity.Warning : Severity.Info);
        }
    }
}
