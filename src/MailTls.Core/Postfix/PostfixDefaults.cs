using System.Collections.Frozen;

namespace MailTls.Core.Postfix;

/// <summary>
/// Default values of the TLS parameters mailtls evaluates, for any Postfix release from 2.3 on.
/// Sources: <c>DEF_*</c> in src/global/mail_params.h across the Postfix tags, as summarised in
/// shared/reference/postfix-tls-semantics.md sections 1.2 and 2.2; the 3.7 values are checked
/// against <c>postconf -d</c> by a test. Parameters a release does not have are absent.
/// </summary>
public static class PostfixDefaults
{
    private static readonly Version OpenSsl100 = new(1, 0, 0);

    /// <summary>The defaults for a release built with a given OpenSSL.</summary>
    /// <param name="postfix">The Postfix release.</param>
    /// <param name="openSsl">The OpenSSL it was built with (the <c>aNULL:-aNULL:</c> prefix depends on it).</param>
    /// <returns>Parameter name to default value.</returns>
    public static IReadOnlyDictionary<string, string> For(PostfixVersion postfix, Version openSsl)
    {
        ArgumentNullException.ThrowIfNull(openSsl);
        var d = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["smtpd_tls_security_level"] = string.Empty,
            ["smtp_tls_security_level"] = string.Empty,
            ["smtpd_use_tls"] = "no",
            ["smtpd_enforce_tls"] = "no",
            ["smtp_use_tls"] = "no",
            ["smtp_enforce_tls"] = "no",
            ["smtpd_tls_wrappermode"] = "no",
            ["smtpd_tls_cert_file"] = string.Empty,
            ["smtpd_tls_key_file"] = "$smtpd_tls_cert_file",
            ["smtpd_tls_ask_ccert"] = "no",
            ["smtpd_tls_req_ccert"] = "no",
            ["smtpd_tls_auth_only"] = "no",
            ["smtpd_tls_loglevel"] = "0",
            ["smtp_tls_loglevel"] = "0",
            ["smtpd_tls_mandatory_ciphers"] = "medium",
            ["smtp_tls_mandatory_ciphers"] = "medium",
            ["smtpd_tls_exclude_ciphers"] = string.Empty,
            ["smtpd_tls_mandatory_exclude_ciphers"] = string.Empty,
            ["smtp_tls_exclude_ciphers"] = string.Empty,
            ["smtp_tls_mandatory_exclude_ciphers"] = string.Empty,
            ["smtp_tls_policy_maps"] = string.Empty,
            ["smtp_tls_verify_cert_match"] = "hostname",
            ["smtp_tls_secure_cert_match"] = "nexthop, dot-nexthop",
        };

        AddProtocolDefaults(d, postfix);
        AddCipherlistDefaults(d, postfix, openSsl);
        if (postfix.AtLeast(2, 6))
        {
            // Before 2.6 opportunistic sessions had no grade parameter; they used "export".
            var opportunisticGrade = PostfixReleases.HasPoodleDefaults(postfix) ? "medium" : "export";
            d["smtpd_tls_ciphers"] = opportunisticGrade;
            d["smtp_tls_ciphers"] = opportunisticGrade;
            d["smtpd_tls_eccert_file"] = string.Empty;
            d["smtpd_tls_eckey_file"] = "$smtpd_tls_eccert_file";
        }

        if (postfix.AtLeast(2, 6))
        {
            // postconf(5) smtpd_tls_eecdh_grade: none in 2.6-2.7, strong in 2.8-3.5, auto (and ignored) from 3.6.
            d["smtpd_tls_eecdh_grade"] = postfix.AtLeast(3, 6) ? "auto" : postfix.AtLeast(2, 8) ? "strong" : "none";
        }

        if (postfix.AtLeast(2, 8))
        {
            d["tls_preempt_cipherlist"] = "no";
        }

        if (postfix.AtLeast(2, 11))
        {
            d["smtp_dns_support_level"] = string.Empty;
        }

        if (postfix.AtLeast(3, 4))
        {
            d["smtpd_tls_chain_files"] = string.Empty;
            d["smtp_tls_servername"] = string.Empty;
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void AddProtocolDefaults(Dictionary<string, string> d, PostfixVersion v)
    {
        string? opportunisticServer;
        string opportunisticClient;
        string mandatory;
        if (v.AtLeast(3, 6))
        {
            opportunisticServer = opportunisticClient = mandatory = ">=TLSv1";
        }
        else if (PostfixReleases.HasPoodleDefaults(v))
        {
            opportunisticServer = opportunisticClient = mandatory = "!SSLv2, !SSLv3";
        }
        else if (PostfixReleases.HasTls12Era(v))
        {
            opportunisticServer = string.Empty;
            opportunisticClient = "!SSLv2";
            mandatory = "!SSLv2";
        }
        else if (v.AtLeast(2, 6))
        {
            opportunisticServer = string.Empty;
            opportunisticClient = "!SSLv2";
            mandatory = "SSLv3, TLSv1";
        }
        else
        {
            // 2.3-2.5 had only the mandatory lists; opportunistic TLS used every protocol.
            d["smtpd_tls_mandatory_protocols"] = d["smtp_tls_mandatory_protocols"] = "SSLv3, TLSv1";
            return;
        }

        d["smtpd_tls_protocols"] = opportunisticServer;
        d["smtp_tls_protocols"] = opportunisticClient;
        d["smtpd_tls_mandatory_protocols"] = mandatory;
        d["smtp_tls_mandatory_protocols"] = mandatory;
    }

    private static void AddCipherlistDefaults(Dictionary<string, string> d, PostfixVersion v, Version openSsl)
    {
        const string Excluded = ":!SEED:!IDEA:!3DES:!RC2:!RC4:!RC5";
        const string ExcludedAlways = ":!kDH:!kECDH:!aDSS:!MD5";
        var prefer = PostfixReleases.HasPreferAnullPrefix(v) && openSsl >= OpenSsl100 ? "aNULL:-aNULL:" : string.Empty;
        string high, medium, low, export, none;
        if (v.AtLeast(3, 8))
        {
            high = "aNULL:-aNULL:HIGH" + Excluded + ExcludedAlways + ":@STRENGTH";
            medium = "aNULL:-aNULL:HIGH:MEDIUM" + Excluded + ExcludedAlways + ":+RC4:@STRENGTH";
            low = export = string.Empty;
            none = "eNULL" + ExcludedAlways + ":!aNULL";
        }
        else if (v.AtLeast(3, 4))
        {
            (high, medium, low, export) = Modern("aNULL:-aNULL:");
            none = "eNULL:!aNULL";
        }
        else if (v.AtLeast(3, 1))
        {
            (high, medium, low, export) = Modern(prefer);
            none = "eNULL:!aNULL";
        }
        else if (v.AtLeast(2, 4))
        {
            high = prefer + "ALL:!EXPORT:!LOW:!MEDIUM:+RC4:@STRENGTH";
            medium = prefer + "ALL:!EXPORT:!LOW:+RC4:@STRENGTH";
            low = prefer + "ALL:!EXPORT:+RC4:@STRENGTH";
            export = prefer + "ALL:+RC4:@STRENGTH";
            none = "eNULL:!aNULL";
        }
        else
        {
            high = "!EXPORT:!LOW:!MEDIUM:ALL:+RC4:@STRENGTH";
            medium = "!EXPORT:!LOW:ALL:+RC4:@STRENGTH";
            low = "!EXPORT:ALL:+RC4:@STRENGTH";
            export = "ALL:+RC4:@STRENGTH";
            none = "!aNULL:eNULL+kRSA";
        }

        d["tls_high_cipherlist"] = high;
        d["tls_medium_cipherlist"] = medium;
        d["tls_low_cipherlist"] = low;
        d["tls_export_cipherlist"] = export;
        d["tls_null_cipherlist"] = none;

        static (string, string, string, string) Modern(string p) => (
            p + "HIGH:@STRENGTH",
            p + "HIGH:MEDIUM:+RC4:@STRENGTH",
            p + "HIGH:MEDIUM:LOW:+RC4:@STRENGTH",
            p + "HIGH:MEDIUM:LOW:EXPORT:+RC4:@STRENGTH");
    }
}
