using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;
using MailTls.Core.Postfix.Outbound;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Policy;

/// <summary>
/// The grade, exclusions and protocols smtp(8) uses for a destination (a policy entry's
/// <c>ciphers=</c>, <c>exclude=</c>, <c>protocols=</c>, or main.cf) that leave no way to complete a
/// handshake: an invalid grade or exclusion, no protocol, no TLS 1.2-and-below suite (OpenSSL then
/// refuses the whole list), a protocol floor above the server's best protocol, or, without TLS 1.3,
/// no suite the server's certificate key can sign. At <c>may</c> Postfix retries in plaintext; at
/// every other level the mail is deferred.
/// </summary>
public sealed class PolicyTlsUnsatisfiableCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var evaluation in evidence.OutboundPolicies)
        {
            if (evaluation.Tls is not { } tls)
            {
                continue;
            }

            var destination = evaluation.Decision.NextHop.Destination;
            var whole = Whole(tls);
            if (whole is not null)
            {
                yield return Raise(evaluation, tls, $"For {destination}, {whole}, so no TLS session can be set up with any server", []);
                continue;
            }

            foreach (var verdict in evaluation.Verdicts)
            {
                if (PerServer(tls, verdict) is { } reason)
                {
                    yield return Raise(evaluation, tls, $"For {destination}, {reason}", [verdict.Host]);
                }
            }
        }
    }

    /// <summary>Why the settings fail with every server, or null.</summary>
    private static string? Whole(OutboundTlsSettings tls)
    {
        if (tls.Ciphers.Problem is { } problem)
        {
            return $"Postfix rejects the cipher settings ({problem}; grade from {tls.GradeSource})";
        }

        if (!tls.Protocols.IsValid)
        {
            return $"Postfix rejects the protocol list \"{tls.Protocols.List}\" ({tls.ProtocolsSource}) at the token \"{tls.Protocols.InvalidToken}\"";
        }

        if (tls.Protocols.ClientOffers.Count == 0)
        {
            return $"the protocol list \"{tls.Protocols.List}\" ({tls.ProtocolsSource}) leaves no protocol to offer";
        }

        if (tls.Evaluation is { } e && tls.Suites.Count == 0)
        {
            var status = e.Status switch
            {
                CipherStringStatus.InvalidCommand => "is rejected by OpenSSL (invalid command)",
                _ => "selects no TLS 1.2-and-below suite (OpenSSL: \"no cipher match\")",
            };
            return $"the cipher list \"{tls.Ciphers.CipherString}\" (grade from {tls.GradeSource}{Exclusions(tls)}) {status}, and OpenSSL refuses such a list even when TLS 1.3 could be used";
        }

        return null;
    }

    /// <summary>Why the settings fail with one server whose facts are known, or null.</summary>
    private static string? PerServer(OutboundTlsSettings tls, HostVerdict verdict)
    {
        var offers = tls.Protocols.ClientOffers;
        if (verdict.Protocol is { } best && offers.All(p => p > best))
        {
            return $"{verdict.Host}'s best protocol is {best.Name()}, but Postfix offers only {string.Join(", ", offers.Select(p => p.Name()))} ({tls.ProtocolsSource})";
        }

        // With TLS 1.3 on both sides any TLS 1.3 suite will do; the cipher string no longer matters.
        var best13 = verdict.Protocol is null or PostfixProtocol.Tls13;
        if (offers.Contains(PostfixProtocol.Tls13) && best13)
        {
            return null;
        }

        var needed = verdict.KeyType switch
        {
            "RSA" => OpenSslAuthentication.Rsa,
            "ECDSA" => OpenSslAuthentication.Ecdsa,
            _ => OpenSslAuthentication.None,
        };
        if (needed == OpenSslAuthentication.None)
        {
            return null;
        }

        // Suites the server's certificate can sign, at a protocol both sides can use. Anonymous suites
        // count too: at may and encrypt aNULL stays in the list, and a Postfix server accepts them
        // ("Anonymous TLS connection established"), so the handshake is not provably impossible.
        var top = offers.Where(p => verdict.Protocol is not { } b || p <= b).DefaultIfEmpty(PostfixProtocol.Tls12).Max();
        var usable = tls.Suites.Where(s => (s.Authentication & (needed | OpenSslAuthentication.Null)) != 0 && Usable(s, top)).ToList();
        if (usable.Count > 0)
        {
            return null;
        }

        var why = offers.Contains(PostfixProtocol.Tls13) ? $"{verdict.Host} does not speak TLS 1.3" : $"TLS 1.3 is not offered ({tls.ProtocolsSource})";
        return $"{why}, and the cipher list \"{tls.Ciphers.CipherString}\" (grade from {tls.GradeSource}{Exclusions(tls)}) leaves no suite for {verdict.Host}'s {verdict.KeyType} certificate at {top.Name()}";
    }

    /// <summary>Whether a suite can be negotiated at a protocol: AEAD and SHA-256/384 suites need TLS 1.2.</summary>
    private static bool Usable(OpenSslCipherSuite suite, PostfixProtocol top) =>
        suite.MinimumProtocol switch
        {
            OpenSslProtocol.TlsV12 => top >= PostfixProtocol.Tls12,
            OpenSslProtocol.TlsV13 => false,
            _ => true,
        };

    private static string Exclusions(OutboundTlsSettings tls) =>
        tls.Ciphers.Exclusions.Count == 0 ? string.Empty
            : $"; excluded: {string.Join(" ", tls.Ciphers.Exclusions.Select(x => x.Token))} from {string.Join(", ", tls.Ciphers.Exclusions.Select(x => x.Parameter).Distinct())}";

    private static Finding Raise(PolicyEvaluation evaluation, OutboundTlsSettings tls, string cause, IReadOnlyList<string> hosts)
    {
        var level = evaluation.Decision.Choice.Level;
        var opportunistic = level == OutboundLevel.May;
        var consequence = opportunistic
            ? "; at level may the handshake fails and Postfix delivers in plaintext instead."
            : $"; at level {level?.ToString().ToLowerInvariant()} the mail is deferred (4.7.5).";
        var entry = evaluation.Decision.Choice.Entry;
        var attributes = evaluation.Decision.Choice.Policy?.Attributes.Keys.Where(k => k is "ciphers" or "protocols" or "exclude").ToList() ?? [];
        var table = evaluation.Decision.Choice.Table ?? string.Empty;
        var rebuild = table.StartsWith("hash:", StringComparison.Ordinal) || table.StartsWith("btree:", StringComparison.Ordinal)
            || table.StartsWith("lmdb:", StringComparison.Ordinal) || table.StartsWith("cdb:", StringComparison.Ordinal)
            ? "postmap " + table
            : "postfix reload";
        var steps = entry is not null && attributes.Count > 0
            ? new[] { $"# in {table} ({entry.Location}), drop or widen {string.Join(", ", attributes.Select(a => a + "="))}: {entry.Text}", rebuild }
            : [$"# widen {tls.GradeSource} / {tls.ProtocolsSource}", "postfix reload"];
        return FindingCatalogue.PolicyTlsUnsatisfiable.Raise(
            cause + consequence,
            [.. PolicyCitations.Decision(evaluation.Decision), new SourceEvidence("smtp TLS settings", $"grade {tls.Ciphers.Grade} ({tls.GradeSource}); protocols {tls.Protocols.List} ({tls.ProtocolsSource}); cipher list {tls.Ciphers.CipherString ?? "(none)"}")],
            new Remediation(
                "Widen the settings so that the server's protocols and certificate key type are covered (or remove the attributes and let the level decide).",
                steps),
            affected: hosts.Count > 0 ? [.. hosts] : [evaluation.Decision.NextHop.Destination],
            severity: opportunistic ? Severity.Warning : Severity.Critical);
    }
}
