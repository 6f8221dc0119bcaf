namespace MailTls.Core.Postfix;

/// <summary>
/// Builds the cipher string smtpd hands to OpenSSL, following tls_set_ciphers() (src/tls/tls_misc.c)
/// and smtpd_start_tls(): the grade's <c>tls_&lt;grade&gt;_cipherlist</c>, then <c>:!token</c> for
/// each exclusion from <c>smtpd_tls_exclude_ciphers</c>, the mandatory exclusions when TLS is
/// enforced, and <c>aNULL</c> when client certificates are requested.
/// </summary>
public static class CipherListBuilder
{
    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ',', ':'];

    /// <summary>Builds the inbound cipher string for one smtpd service.</summary>
    /// <param name="config">The layered configuration.</param>
    /// <param name="service">The master.cf service, or null for main.cf alone.</param>
    /// <param name="enforced">Whether TLS is enforced (level encrypt or wrapper mode).</param>
    /// <param name="postfix">The Postfix release.</param>
    /// <returns>The string or the reason Postfix would refuse it.</returns>
    public static CipherListResult ForSmtpd(PostfixConfiguration config, MasterService? service, bool enforced, PostfixVersion postfix)
    {
        ArgumentNullException.ThrowIfNull(config);
        ResolvedParameter? gradeParameter = null;
        string grade;
        if (enforced || postfix.AtLeast(2, 6))
        {
            gradeParameter = config.Resolve(enforced ? "smtpd_tls_mandatory_ciphers" : "smtpd_tls_ciphers", service);
            grade = gradeParameter.Value.Trim().ToLowerInvariant();
        }
        else
        {
            // Before 2.6 opportunistic TLS had no grade parameter and used "export".
            grade = "export";
        }

        var exclusions = new List<(string, string)>();
        AddTokens(exclusions, config.Resolve("smtpd_tls_exclude_ciphers", service));
        if (enforced)
        {
            AddTokens(exclusions, config.Resolve("smtpd_tls_mandatory_exclude_ciphers", service));
        }

        var askCert = config.Resolve("smtpd_tls_ask_ccert", service).IsYes
            || (enforced && config.Resolve("smtpd_tls_req_ccert", service).IsYes);
        if (askCert)
        {
            exclusions.Add(("aNULL", "smtpd_tls_ask_ccert"));
        }

        return Assemble(grade, gradeParameter, exclusions, config, service, postfix);
    }

    /// <summary>
    /// tls_set_ciphers(): the grade's base list (<c>tls_&lt;grade&gt;_cipherlist</c>) followed by
    /// <c>:!token</c> for each exclusion, in order; shared by smtpd and smtp.
    /// </summary>
    /// <param name="grade">The grade as configured (lower case).</param>
    /// <param name="gradeParameter">The parameter the grade came from, if any.</param>
    /// <param name="exclusions">Exclusion tokens with the parameter (or attribute) each came from.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="service">The master.cf service whose overrides apply.</param>
    /// <param name="postfix">The Postfix release.</param>
    /// <returns>The string or the reason Postfix would refuse it.</returns>
    public static CipherListResult Assemble(
        string grade,
        ResolvedParameter? gradeParameter,
        IReadOnlyList<(string Token, string Parameter)> exclusions,
        PostfixConfiguration config,
        MasterService? service,
        PostfixVersion postfix)
    {
        ArgumentNullException.ThrowIfNull(grade);
        ArgumentNullException.ThrowIfNull(exclusions);
        ArgumentNullException.ThrowIfNull(config);
        if (postfix.AtLeast(3, 8) && grade is "low" or "export")
        {
            // 3.8 retired the low and export grades: both mean medium.
            grade = "medium";
        }

        if (grade is not ("high" or "medium" or "low" or "export" or "null"))
        {
            return new CipherListResult { Grade = grade, GradeParameter = gradeParameter, Problem = $"invalid cipher grade: \"{grade}\"" };
        }

        var baseParameter = config.Resolve($"tls_{grade}_cipherlist", service);
        if (baseParameter.Value.Trim().Length == 0)
        {
            return new CipherListResult { Grade = grade, GradeParameter = gradeParameter, BaseParameter = baseParameter, Problem = $"empty value for tls_{grade}_cipherlist" };
        }

        var bad = exclusions.FirstOrDefault(e => e.Item1[0] is '!' or '+' or '-' or '@');
        if (bad.Item1 is not null)
        {
            return new CipherListResult
            {
                Grade = grade,
                GradeParameter = gradeParameter,
                BaseParameter = baseParameter,
                Exclusions = exclusions,
                Problem = $"invalid unary '!+-@' in cipher exclusion: \"{bad.Item1}\" ({bad.Item2})",
            };
        }

        return new CipherListResult
        {
            Grade = grade,
            GradeParameter = gradeParameter,
            BaseParameter = baseParameter,
            Exclusions = exclusions,
            CipherString = baseParameter.Value.Trim() + string.Concat(exclusions.Select(e => ":!" + e.Item1)),
        };
    }

    private static void AddTokens(List<(string, string)> exclusions, ResolvedParameter parameter)
    {
        foreach (var token in parameter.Value.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            exclusions.Add((token, parameter.Name));
        }
    }

}
