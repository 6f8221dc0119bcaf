using MailTls.Core.Postfix;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// TLS parameters that postconf(5) calls obsolete or ignored, each with what replaces it and
/// the releases it applies to. Most still work, but they hide the setting that really decides
/// (e.g. smtpd_use_tls only counts while smtpd_tls_security_level is empty); others are read
/// and then ignored by the release in use (smtpd_tls_eecdh_grade from 3.6).
/// </summary>
public sealed class ParameterObsoleteCheck : ICheck
{
    private static readonly PostfixVersion Any = new(0, 0, 0);

    private static readonly Version AnyOpenSsl = new(0, 0);

    private static readonly Dictionary<string, (PostfixVersion Since, string Replacement, string Why)> Obsolete = new(StringComparer.Ordinal)
    {
        ["smtpd_use_tls"] = (Any, "smtpd_tls_security_level = may", "counts only while smtpd_tls_security_level is empty (Postfix 2.3+)"),
        ["smtpd_enforce_tls"] = (Any, "smtpd_tls_security_level = encrypt", "counts only while smtpd_tls_security_level is empty (Postfix 2.3+)"),
        ["smtp_use_tls"] = (Any, "smtp_tls_security_level = may", "counts only while smtp_tls_security_level is empty (Postfix 2.3+)"),
        ["smtp_enforce_tls"] = (Any, "smtp_tls_security_level = encrypt", "counts only while smtp_tls_security_level is empty (Postfix 2.3+)"),
        ["smtp_tls_enforce_peername"] = (Any, "smtp_tls_security_level = verify", "counts only while smtp_tls_security_level is empty (Postfix 2.3+)"),
        ["smtp_tls_per_site"] = (Any, "smtp_tls_policy_maps", "is ignored once smtp_tls_policy_maps is set, and cannot express verify/secure with match="),
        ["smtpd_tls_cipherlist"] = (Any, "smtpd_tls_ciphers / smtpd_tls_mandatory_ciphers", "is the Postfix < 2.3 cipher control"),
        ["smtp_tls_cipherlist"] = (Any, "smtp_tls_ciphers / smtp_tls_mandatory_ciphers", "is the Postfix < 2.3 cipher control"),
        ["smtpd_tls_dcert_file"] = (Any, "smtpd_tls_cert_file or smtpd_tls_eccert_file", "configures a DSA certificate; DSA is obsolete"),
        ["smtpd_tls_dkey_file"] = (Any, "smtpd_tls_key_file or smtpd_tls_eckey_file", "configures a DSA key; DSA is obsolete"),

        // postconf(5): "As of Postfix 3.6, the value of this parameter is always ignored" (auto is used).
        ["smtpd_tls_eecdh_grade"] = (new(3, 6, 0), "nothing (Postfix 3.6+ always behaves as 'auto')", "is ignored from Postfix 3.6 on"),

        // postconf(5): "As of Postfix 3.6, export-grade 512-bit DH parameters are no longer supported or needed."
        ["smtpd_tls_dh512_param_file"] = (new(3, 6, 0), "nothing (export-grade DH is gone)", "is not used from Postfix 3.6 on"),

        // postconf(5) tls_low_cipherlist / tls_export_cipherlist: "Ignored as of Postfix 3.8" (low and export mean medium).
        ["tls_low_cipherlist"] = (new(3, 8, 0), "tls_medium_cipherlist (the 'low' grade means 'medium' from 3.8)", "is ignored from Postfix 3.8 on"),
        ["tls_export_cipherlist"] = (new(3, 8, 0), "tls_medium_cipherlist (the 'export' grade means 'medium' from 3.8)", "is ignored from Postfix 3.8 on"),

        // postconf(5): with Postfix >= 3.7 built with OpenSSL 3.0+, empty or "auto" lets OpenSSL choose,
        // and "custom local parameters are no longer recommended".
        ["smtpd_tls_dh1024_param_file"] = (new(3, 7, 0), "smtpd_tls_dh1024_param_file = auto (OpenSSL 3 picks the group for each handshake)", "is no longer recommended from Postfix 3.7 with OpenSSL 3"),
    };

    /// <summary>Entries that apply only with an OpenSSL at least this new.</summary>
    private static readonly Dictionary<string, Version> MinimumOpenSsl = new(StringComparer.Ordinal)
    {
        ["smtpd_tls_dh1024_param_file"] = new(3, 0),
    };

    /// <summary>Whether this check reports a name for a release (so the unknown-parameter check leaves it alone).</summary>
    /// <param name="name">The parameter.</param>
    /// <param name="postfix">The release.</param>
    /// <param name="openSsl">The OpenSSL it was built with.</param>
    /// <returns>True when the name is obsolete in that release.</returns>
    internal static bool Reports(string name, PostfixVersion postfix, Version openSsl) =>
        Obsolete.TryGetValue(name, out var o) && postfix >= o.Since && openSsl >= MinimumOpenSsl.GetValueOrDefault(name, AnyOpenSsl);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            yield break;
        }

        foreach (var entry in postfix.Configuration.Main.Effective.Values.Where(e => Reports(e.Name, postfix.Version, postfix.OpenSsl) && e.Value.Trim() is { Length: > 0 } v && !v.Equals("auto", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.Location.Line))
        {
            var (_, replacement, why) = Obsolete[entry.Name];
            yield return FindingCatalogue.ParameterObsolete.Raise(
                $"{entry.Name} ({entry.Location}) is obsolete: it {why}; use {replacement}.",
                [new ConfigLineEvidence(entry.Location, entry.Text, entry.Name)],
                new Remediation($"Replace it with {replacement}, keeping the behaviour you have today.", [$"postconf -X {entry.Name}"]),
                affected: [entry.Name]);
        }
    }
}
