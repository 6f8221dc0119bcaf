using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;
using MailTls.Core.Profiles;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// Senders whose every offered suite the port 25 cipher list removes, or whose suites the
/// certificate or protocol cannot serve: OpenSSL answers "no shared cipher" (scenario 2). Names
/// the cipher-string items responsible per sender and the smallest change to the exclusions that
/// gives each a strong suite back. Critical when a current MTA fails; informational when only
/// library stand-ins or historical senders (profiles of years ago) do.
/// </summary>
public sealed class CipherlistNoSharedSuiteCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            yield break;
        }

        foreach (var service in InboundTlsEvaluator.Evaluate(postfix)
                     .Where(s => s.ReceivesFromMtas && s.TlsOffered && s.Protocols.IsValid && s.Ciphers.CipherString is not null))
        {
            var simulator = ServiceSimulation.For(service, evidence, out var basis);
            var failing = SenderProfileCatalog.Senders
                .Select(simulator.Simulate)
                .Where(o => o.Kind is SenderOutcomeKind.NoSharedCipher or SenderOutcomeKind.NoKnownSharedCipher)
                .ToList();
            if (failing.Count == 0)
            {
                continue;
            }

            var terms = failing.SelectMany(o => o.Blocked.SelectMany(b => b.Terms)).Distinct().ToList();
            var fix = SmallestExclusionChange(service, simulator, failing, postfix.OpenSslBuild);
            yield return FindingCatalogue.CipherlistNoSharedSuite.Raise(
                $"The cipher list of {ConfigCitations.Describe(service)} (\"{service.Ciphers.CipherString}\" on OpenSSL {postfix.OpenSsl}) leaves no suite that "
                    + $"{string.Join(", ", failing.Select(o => o.Sender.Name))} {(failing.Count == 1 ? "offers" : "offer")}"
                    + (terms.Count > 0 ? $"; the items that removed them: {string.Join(" ", terms)}" : string.Empty)
                    + ", so their handshakes end in \"no shared cipher\".",
                [
                    .. CipherCitations(service, postfix.Version),
                    new SourceEvidence("simulation", $"{basis}; OpenSSL {postfix.OpenSsl} cipher tables at security level {postfix.OpenSslBuild.SecurityLevel}"),
                    .. failing.Select(o => new SourceEvidence(
                        $"client profile {o.Sender.Id}",
                        $"{o.Sender.Name} at {o.Protocol?.Name()}: " + string.Join("; ", o.Blocked.Select(b => b.Terms.Count > 0 ? $"{b.Suite} removed by {string.Join(" ", b.Terms)}" : $"{b.Suite}: {b.Reason}"))
                            + (o.Kind == SenderOutcomeKind.NoKnownSharedCipher ? " (only these suites are known; its full offer is not)" : string.Empty))),
                ],
                fix,
                affected: [.. failing.Select(o => o.Sender.Name)],
                severity: failing.Any(o => o.Sender.Role == SenderRole.Mta && !o.Sender.IsHistorical) ? Severity.Critical : Severity.Info);
        }
    }

    private static IEnumerable<EvidenceRef> CipherCitations(InboundTlsSettings service, PostfixVersion version)
    {
        if (service.Ciphers.GradeParameter is { } grade)
        {
            yield return ConfigCitations.Cite(grade, version);
        }

        if (service.Ciphers.BaseParameter is { } baseList)
        {
            yield return ConfigCitations.Cite(baseList, version);
        }

        foreach (var parameter in service.Ciphers.Exclusions.Select(e => e.Parameter).Distinct())
        {
            if (parameter.StartsWith("smtpd_tls_", StringComparison.Ordinal) && parameter.EndsWith("exclude_ciphers", StringComparison.Ordinal))
            {
                // The exclusion lines are what an admin edits; cite them as written.
                yield return new SourceEvidence(parameter, string.Join(", ", service.Ciphers.Exclusions.Where(e => e.Parameter == parameter).Select(e => e.Token)));
            }
        }
    }

    /// <summary>
    /// For each failing sender, the first strong suite it offers that only exclusion tokens block;
    /// dropping those tokens is the change proposed, checked by evaluating the new string.
    /// </summary>
    private static Remediation SmallestExclusionChange(InboundTlsSettings service, SenderSimulator simulator, List<SenderOutcome> failing, OpenSslBuild build)
    {
        var exclusionTokens = service.Ciphers.Exclusions.Where(e => e.Parameter == "smtpd_tls_exclude_ciphers").Select(e => e.Token).ToList();
        var drop = new HashSet<string>(StringComparer.Ordinal);
        var restored = new List<string>();
        foreach (var outcome in failing)
        {
            foreach (var blocked in outcome.Blocked)
            {
                if (!OpenSslCipherCatalog.TryFindByName(build.Era, blocked.Suite, out var suite) || suite is null
                    || (suite.Strength & OpenSslStrength.High) == 0 || blocked.Terms.Count == 0)
                {
                    continue;
                }

                var tokens = blocked.Terms.Select(t => t.TrimStart('!', '-')).ToList();
                if (tokens.All(exclusionTokens.Contains))
                {
                    drop.UnionWith(tokens);
                    restored.Add($"{suite.Name} for {outcome.Sender.Name}");
                    break;
                }
            }
        }

        if (drop.Count == 0)
        {
            return new Remediation(
                "Go back to the default cipher settings on port 25 (opportunistic TLS gains nothing from exclusions that leave senders without a suite), then exclude only what you must.",
                ["postconf -X smtpd_tls_exclude_ciphers", "postconf -X tls_medium_cipherlist", "postfix reload"]);
        }

        var keep = exclusionTokens.Where(t => !drop.Contains(t)).Distinct().ToList();
        var check = OpenSslCipherString.Evaluate(
            service.Ciphers.BaseParameter!.Value.Trim() + string.Concat(service.Ciphers.Exclusions.Where(e => !drop.Contains(e.Token)).Select(e => ":!" + e.Token)),
            build);
        var verified = restored.All(r => check.Suites.Any(s => r.StartsWith(s.Name + " ", StringComparison.Ordinal)));
        var steps = new List<string>
        {
            keep.Count == 0 ? "postconf -X smtpd_tls_exclude_ciphers" : $"postconf -e 'smtpd_tls_exclude_ciphers = {string.Join(", ", keep)}'",
            "postfix reload",
        };
        return new Remediation(
            $"Drop the exclusion{(drop.Count == 1 ? string.Empty : "s")} {string.Join(", ", drop)}: that gives back {string.Join(", ", restored)}{(verified ? string.Empty : " (check with mailtls config afterwards)")}, and keeps every other exclusion.",
            steps,
            "Only the named strong suites come back; weak ones stay excluded.");
    }
}
