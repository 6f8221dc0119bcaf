using MailTls.Core.Logs;
using MailTls.Core.Postfix;
using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Correlation;

/// <summary>
/// Joins senders' "no shared cipher" failures in the log with the cipher settings that leave no
/// suite those senders offer (scenario 2), and with the suite a probe of port 25 negotiated.
/// </summary>
public sealed class NoSharedCipherCorrelation : ICorrelationRule
{
    private static readonly string[] CipherParameters =
    [
        "smtpd_tls_exclude_ciphers", "smtpd_tls_mandatory_exclude_ciphers", "smtpd_tls_ciphers", "smtpd_tls_mandatory_ciphers",
        "tls_high_cipherlist", "tls_medium_cipherlist", "tls_low_cipherlist", "smtpd_tls_eecdh_grade",
    ];

    /// <inheritdoc />
    public IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(evidence);
        var original = findings.FirstOrDefault(f => f.Id == FindingCatalogue.CipherlistNoSharedSuite.Id);
        var logs = findings.FirstOrDefault(f => f.Id == FindingCatalogue.InboundHandshakeFailures.Id && f.Topic == TlsCause.NoSharedCipher.ToCode());
        if (original is null || logs is null)
        {
            return findings;
        }

        var config = original;
        var events = evidence.TlsEvents
            .Where(e => e.Direction == TlsDirection.Inbound && e.Outcome == TlsOutcome.Failure && e.Cause == TlsCause.NoSharedCipher)
            .ToList();
        var probes = Joining.MxProbes(evidence);
        var negotiated = probes.FirstOrDefault(p => p.FullHandshake is not null) is { } probe
            ? $" A probe of {probe.Target} negotiated {probe.FullHandshake}, which those senders do not offer."
            : string.Empty;
        // The cipher check cites defaults and exclusion tokens; the lines the admin wrote are what to change.
        if (evidence.Postfix is { } postfix)
        {
            var written = CipherParameters
                .Select(name => postfix.Configuration.Resolve(name))
                .Where(p => p.Source is ParameterSource.MainCf or ParameterSource.MasterCfOverride)
                .Select(p => ConfigCitations.Cite(p, postfix.Version))
                .Where(e => !config.Evidence.Contains(e))
                .ToList();
            config = config with { Evidence = [.. written, .. config.Evidence] };
        }

        var where = Joining.FirstConfigLine(config) is { } line ? $" ({line})" : string.Empty;
        var joined = config with
        {
            Cause = $"{Joining.LogLead(events, "failed the TLS handshake with \"no shared cipher\"")}, because of the cipher settings{where}: {config.Cause}{negotiated}",
            Severity = Joining.Max(config.Severity, logs.Severity),
            Evidence = Joining.Evidence(config, logs, probes.Select(Joining.Describe)),
            Affected = Joining.Affected(Joining.Organisations(events), config),
            Occurrences = events.Count,
        };
        return Joining.Replace(findings, [original, logs], joined);
    }
}
