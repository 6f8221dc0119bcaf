using System.Globalization;
using MailTls.Core.Certificates;
using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Certificates;

/// <summary>
/// smtpd_tls_dh1024_param_file naming a DH group under 2048 bits (senders at OpenSSL security
/// level 2 refuse DHE with it: "dh key too small"), or a file that does not hold DH parameters.
/// The fix depends on the release: Postfix 3.1+ has a 2048-bit built-in group (postconf(5)), so
/// removing the setting is enough there.
/// </summary>
public sealed class DhParamsWeakCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            yield break;
        }

        foreach (var file in evidence.DhParameterFiles)
        {
            string cause;
            if (file.Parameters is { } dh)
            {
                if (dh.PrimeBits >= DhParameters.RecommendedBits)
                {
                    continue;
                }

                cause = $"{file.Parameter.Value.Trim()} ({dh.Location}) holds a {dh.PrimeBits.ToString(CultureInfo.InvariantCulture)}-bit DH group; senders whose OpenSSL runs at security level 2 refuse DHE with groups under {DhParameters.RecommendedBits} bits (\"dh key too small\"), and it is within reach of precomputation attacks (Logjam).";
            }
            else
            {
                cause = $"{file.Parameter.Value.Trim()} cannot be used as DH parameters: {file.Problem}; Postfix warns and falls back to its built-in group.";
            }

            // postconf(5): the compiled-in prime is 2048 bits from Postfix 3.1.
            var builtInIsStrong = postfix.Version.AtLeast(3, 1);
            yield return FindingCatalogue.DhParamsWeak.Raise(
                cause,
                [ConfigCitations.Cite(file.Parameter, postfix.Version)],
                builtInIsStrong
                    ? new Remediation(
                        $"Remove the setting: Postfix {postfix.Version} then uses its built-in 2048-bit group{(postfix.Version.AtLeast(3, 7) ? " (with OpenSSL 3, OpenSSL chooses the group)" : string.Empty)}.",
                        ["postconf -X smtpd_tls_dh1024_param_file", "postfix reload"])
                    : new Remediation(
                        "Generate a 2048-bit group and point the parameter at it.",
                        ["openssl dhparam -out /etc/postfix/dh2048.pem 2048", "postconf -e 'smtpd_tls_dh1024_param_file = /etc/postfix/dh2048.pem'", "postfix reload"]),
                affected: [.. file.Services.Select(s => $"smtpd service {s}")]);
        }
    }
}
