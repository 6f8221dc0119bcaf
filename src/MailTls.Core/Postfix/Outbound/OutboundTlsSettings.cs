using MailTls.Core.OpenSsl;

namespace MailTls.Core.Postfix.Outbound;

/// <summary>
/// The cipher grade, exclusions, cipher string and protocol list smtp(8) uses for one destination
/// (policy_create() and set_cipher_grade() in src/smtp/smtp_tls_policy.c; postfix-tls-semantics.md
/// sections 1.1, 2.1 and 2.3): a policy entry's <c>ciphers=</c>, <c>protocols=</c> and <c>exclude=</c>
/// replace the main.cf values; at <c>may</c> the opportunistic parameters apply, at every other level
/// the mandatory ones; <c>encrypt</c> excludes eNULL and the levels above it aNULL.
/// </summary>
public sealed record OutboundTlsSettings
{
    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ',', ':'];

    /// <summary>The cipher grade, the cipher string and its problems.</summary>
    public required CipherListResult Ciphers { get; init; }

    /// <summary>Where the grade came from: "ciphers= in the policy entry" or the parameter.</summary>
    public required string GradeSource { get; init; }

    /// <summary>Whether the policy entry's exclude= replaced the main.cf exclusion lists.</summary>
    public bool ExcludeFromPolicy { get; init; }

    /// <summary>The protocol list in force and what it allows.</summary>
    public required ProtocolListResult Protocols { get; init; }

    /// <summary>Where the protocol list came from.</summary>
    public required string ProtocolsSource { get; init; }

    /// <summary>The cipher string evaluated by the OpenSSL the Postfix was built with; null when there is no string.</summary>
    public CipherStringResult? Evaluation { get; init; }

    /// <summary>The TLS 1.2-and-below suites the client offers, in OpenSSL's order.</summary>
    public IReadOnlyList<OpenSslCipherSuite> Suites =>
        Evaluation is { Status: CipherStringStatus.Accepted } e ? [.. e.Suites.Where(s => !s.IsTls13)] : [];

    /// <summary>Works out the settings for a decision.</summary>
    /// <param name="decision">The destination's decision (level and policy entry).</param>
    /// <param name="config">The configuration.</param>
    /// <param name="postfix">The Postfix release.</param>
    /// <param name="openSsl">The OpenSSL release it was built with.</param>
    /// <param name="build">That OpenSSL's cipher rules (security level included).</param>
    /// <returns>The settings; null at level none or when the policy is invalid (no TLS).</returns>
    public static OutboundTlsSettings? For(OutboundDecision decision, PostfixConfiguration config, PostfixVersion postfix, Version openSsl, OpenSslBuild build)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(config);
        if (decision.Choice.Level is not { } level || level == OutboundLevel.None)
        {
            return null;
        }

        var service = decision.NextHop.Service(config);
        var attributes = decision.Choice.Policy?.Attributes ?? new Dictionary<string, string>();
        var where = decision.Choice.Entry is { } entry ? $"{decision.Choice.Table} ({entry.Location})" : "the policy entry";
        var mandatory = level != OutboundLevel.May;

        // Grade: ciphers= of the entry, else the opportunistic or mandatory parameter.
        string grade;
        string gradeSource;
        ResolvedParameter? gradeParameter = null;
        if (attributes.TryGetValue("ciphers", out var policyGrade))
        {
            grade = policyGrade.Trim().ToLowerInvariant();
            gradeSource = $"ciphers={policyGrade} in {where}";
        }
        else
        {
            gradeParameter = config.Resolve(mandatory ? "smtp_tls_mandatory_ciphers" : "smtp_tls_ciphers", service);
            grade = gradeParameter.Value.Trim().ToLowerInvariant();
            gradeSource = $"{gradeParameter.Name} = {gradeParameter.RawValue}" + (gradeParameter.Source == ParameterSource.Default ? " (default)" : string.Empty);
        }

        // Exclusions: exclude= replaces both main.cf lists; the automatic one is added either way.
        var exclusions = new List<(string Token, string Parameter)>();
        var excludeFromPolicy = attributes.TryGetValue("exclude", out var policyExclude);
        if (excludeFromPolicy)
        {
            exclusions.AddRange(Tokens(policyExclude!).Select(t => (t, $"exclude= in {where}")));
        }
        else
        {
            var exclude = config.Resolve("smtp_tls_exclude_ciphers", service);
            exclusions.AddRange(Tokens(exclude.Value).Select(t => (t, exclude.Name)));
            if (mandatory)
            {
                var mandatoryExclude = config.Resolve("smtp_tls_mandatory_exclude_ciphers", service);
                exclusions.AddRange(Tokens(mandatoryExclude.Value).Select(t => (t, mandatoryExclude.Name)));
            }
        }

        if (level == OutboundLevel.Encrypt)
        {
            exclusions.Add(("eNULL", "level encrypt"));
        }
        else if (level != OutboundLevel.May)
        {
            exclusions.Add(("aNULL", $"level {level.ToString().ToLowerInvariant()}"));
        }

        var ciphers = CipherListBuilder.Assemble(grade, gradeParameter, exclusions, config, service, postfix);

        // Protocols: protocols= of the entry, else the opportunistic or mandatory list.
        string protocolList;
        string protocolsSource;
        if (attributes.TryGetValue("protocols", out var policyProtocols))
        {
            protocolList = policyProtocols;
            protocolsSource = $"protocols={policyProtocols} in {where}";
        }
        else
        {
            var parameter = config.Resolve(mandatory ? "smtp_tls_mandatory_protocols" : "smtp_tls_protocols", service);
            protocolList = parameter.Value;
            protocolsSource = $"{parameter.Name} = {parameter.RawValue}" + (parameter.Source == ParameterSource.Default ? " (default)" : string.Empty);
        }

        return new OutboundTlsSettings
        {
            Ciphers = ciphers,
            GradeSource = gradeSource,
            ExcludeFromPolicy = excludeFromPolicy,
            Protocols = ProtocolListEvaluator.Evaluate(protocolList, postfix, openSsl, policyTableSyntax: attributes.ContainsKey("protocols")),
            ProtocolsSource = protocolsSource,
            Evaluation = ciphers.CipherString is { } text ? OpenSslCipherString.Evaluate(text, build) : null,
        };
    }

    private static string[] Tokens(string value) => value.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}
