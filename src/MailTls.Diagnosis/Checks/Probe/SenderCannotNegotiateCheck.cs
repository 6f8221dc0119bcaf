using MailTls.Core.Probe;
using MailTls.Core.Profiles;
using MailTls.Core.Tls;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>
/// A real sender's ClientHello got an alert or a closed connection although it shares a protocol
/// version with the server: no suite (or group, or signature algorithm) in common. The hello is the
/// recorded one, or one synthesised from the sender's published facts; the cause and each evidence
/// line say which, since a synthesised hello carries only the suites known. Timeouts and unreadable
/// answers are operational failures, not this finding.
/// </summary>
public sealed class SenderCannotNegotiateCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes.Where(p => p.TlsTested))
        {
            var accepted = probe.AcceptedVersions;
            var failed = probe.Senders
                .Where(s => s.Outcome is HelloOutcomeKind.Alert or HelloOutcomeKind.Closed && s.OfferedVersions.Any(accepted.Contains))
                .ToList();
            if (failed.Count == 0)
            {
                continue;
            }

            yield return FindingCatalogue.SenderCannotNegotiate.Raise(
                $"{probe.Target} refuses the ClientHello of {string.Join(", ", failed.Select(s => s.Name))} although they share {ProbeText.Versions(failed.SelectMany(s => s.OfferedVersions).Where(accepted.Contains).Distinct().Order())}: no cipher suite or group in common, so these senders bounce, defer or retry without TLS."
                    + Synthesised(failed),
                [
                    .. failed.Select(s => ProbeText.Sender(probe, s)),
                    .. probe.Protocols.Where(p => p.Accepted == true).Select(p => ProbeText.Fact(probe, $"{TlsProtocolNames.Of(p.Version)} accepts {string.Join(", ", p.Suites.Select(s => s.Suite.DisplayName))}")),
                ],
                new Remediation(
                    "Widen the cipher list until the sender negotiates: go back to the default grade and remove exclusions added by hand.",
                    ["postconf -# tls_medium_cipherlist smtpd_tls_exclude_ciphers", "postconf -e 'smtpd_tls_ciphers = medium'", "postfix reload", "mailtls probe HOST"],
                    "At opportunistic level any suite beats cleartext; keep strict lists for mandatory TLS."),
                affected: [.. failed.Select(s => s.Name)],
                severity: failed.Any(IsCurrentMta) ? Severity.Critical : Severity.Info);
        }
    }

    /// <summary>
    /// As for the configuration check cipherlist-no-shared-suite: only a sender that sends mail today
    /// makes this critical; a library default standing in for MTAs or a sender as it was before 2016
    /// (scenario 1's Gmail offering RC4) is worth knowing, not an outage. An id outside the catalogue
    /// counts as current.
    /// </summary>
    private static bool IsCurrentMta(SenderOutcome sender) =>
        SenderProfileCatalog.All.FirstOrDefault(p => p.Id == sender.ProfileId) is not { } profile
        || (profile.Role == SenderRole.Mta && !profile.IsHistorical);

    /// <summary>How sure the verdict is for senders whose hello was built from published facts, not captured.</summary>
    private static string Synthesised(IReadOnlyList<SenderOutcome> failed)
    {
        var synthesised = failed.Where(s => s.Basis == SenderHelloBasis.Synthesised).ToList();
        return synthesised.Count == 0
            ? string.Empty
            : $" For {string.Join(", ", synthesised.Select(s => $"{s.Name} (confidence {s.Confidence})"))} the hello is synthesised from published facts (no capture exists): none of the published suites fits, and the real sender may offer more.";
    }
}
