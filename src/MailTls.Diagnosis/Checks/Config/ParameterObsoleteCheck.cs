using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// TLS parameters that postconf(5) calls obsolete, each with what replaces it. They still work
/// in most releases, but they hide the setting that really decides (e.g. smtpd_use_tls only
/// counts while smtpd_tls_security_level is empty).
/// </summary>
public sealed class ParameterObsoleteCheck : ICheck
{
    private static readonly Dictionary<string, (string Replacement, string Why)> Obsolete = new(StringComparer.Ordinal)
    {
        ["smtpd_use_tls"] = ("smtpd_tls_security_level = may", "counts only while smtpd_tls_security_level is empty (Postfix 2.3+)"),
        ["smtpd_enforce_tls"] = ("smtpd_tls_security_level = encrypt", "counts only while smtpd_tls_security_level is empty (Postfix 2.3+)"),
        ["smtp_use_tls"] = ("smtp_tls_security_level = may", "counts only while smtp_tls_security_level is empty (Postfix 2.3+)"),
        ["smtp_enforce_tls"] = ("smtp_tls_security_level = encrypt", "counts only while smtp_tls_security_level is empty (Postfix 2.3+)"),
        ["smtp_tls_enforce_peername"] = ("smtp_tls_security_level = verify", "counts only while smtp_tls_security_level is empty (Postfix 2.3+)"),
        ["smtp_tls_per_site"] = ("smtp_tls_policy_maps", "is ignored once smtp_tls_policy_maps is set, and cannot express verify/secure with match="),
        ["smtpd_tls_cipherlist"] = ("smtpd_tls_ciphers / smtpd_tls_mandatory_ciphers", "is the Postfix < 2.3 cipher control"),
        ["smtp_tls_cipherlist"] = ("smtp_tls_ciphers / smtp_tls_mandatory_ciphers", "is the Postfix < 2.3 cipher control"),
        ["smtpd_tls_dcert_file"] = ("smtpd_tls_cert_file or smtpd_tls_eccert_file", "configures a DSA certificate; DSA is obsolete"),
        ["smtpd_tls_dkey_file"] = ("smtpd_tls_key_file or smtpd_tls_eckey_file", "configures a DSA key; DSA is obsolete"),
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            yield break;
        }

        foreach (var entry in postfix.Configuration.Main.Effective.Values.Where(e => Obsolete.ContainsKey(e.Name)).OrderBy(e => e.Location.Line))
        {
            var (replacement, why) = Obsolete[entry.Name];
            yield return FindingCatalogue.ParameterObsolete.Raise(
                $"{entry.Name} ({entry.Location}) is obsolete: it {why}; use {replacement}.",
                [new ConfigLineEvidence(entry.Location, entry.Text, entry.Name)],
                new Remediation($"Replace it with {replacement}, keeping the behaviour you have today.", [$"postconf -X {entry.Name}"]),
                affected: [entry.Name]);
        }
    }
}
