using MailTls.Core;
using MailTls.Core.Certificates;
using MailTls.Core.Postfix;
using MailTls.Core.Probe;
using SenderOutcome = MailTls.Core.Probe.SenderOutcome;
using MailTls.Core.Profiles;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// Groups, fallback SCSV and sender replay: the steps after suite enumeration.
public sealed partial class TlsProbeEngine
{
    private static readonly TlsNamedGroup[] Tls13Groups =
    [
        TlsNamedGroup.X25519, TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1, TlsNamedGroup.Secp521r1, TlsNamedGroup.X448,
        TlsNamedGroup.Ffdhe2048, TlsNamedGroup.Ffdhe3072, TlsNamedGroup.Ffdhe4096, TlsNamedGroup.Ffdhe6144, TlsNamedGroup.Ffdhe8192,
    ];

    private static readonly TlsNamedGroup[] EcdheGroups =
    [
        TlsNamedGroup.X25519, TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1, TlsNamedGroup.Secp521r1, TlsNamedGroup.X448,
        TlsNamedGroup.BrainpoolP256r1, TlsNamedGroup.BrainpoolP384r1, TlsNamedGroup.BrainpoolP512r1,
    ];

    /// <summary>
    /// The groups the server accepts, by removal: offer the list, note the group it picks (TLS 1.3
    /// key share or HelloRetryRequest; TLS 1.2 ServerKeyExchange curve), drop it, offer again.
    /// Complete is true when the test ended on a refusal (or ran out of groups), so every candidate
    /// not found is known to be refused.
    /// </summary>
    private async Task<(IReadOnlyList<TlsNamedGroup> Groups, TlsProtocolVersion? Version, bool Complete)> GroupsAsync(
        ProbeRun run, IReadOnlyList<ProtocolSupport> protocols, CancellationToken cancellationToken)
    {
        var tls13 = protocols.FirstOrDefault(p => p.Version == TlsProtocolVersion.Tls13 && p.Accepted == true);
        var ecdhe = protocols.Where(p => p.Accepted == true && p.Version < TlsProtocolVersion.Tls13 && p.Suites.Any(s => s.Suite.KeyExchange == KeyExchangeAlgorithm.Ecdhe))
            .OrderByDescending(p => p.Version).FirstOrDefault();
        var (support, candidates) = tls13 is not null ? (tls13, Tls13Groups) : (ecdhe, EcdheGroups);
        if (support is null)
        {
            return ([], null, false);
        }

        run.Report($"{TlsProtocolNames.Of(support.Version)} groups");
        var suites = support.Suites.Where(s => support.Version >= TlsProtocolVersion.Tls13 || s.Suite.KeyExchange == KeyExchangeAlgorithm.Ecdhe)
            .Select(s => s.Code).Take(Options.MaxSuitesPerHello).ToList();
        var remaining = candidates.ToList();
        var found = new List<TlsNamedGroup>();
        while (remaining.Count > 0)
        {
            var hello = HelloFor(support.Version, suites) with { SupportedGroups = [.. remaining], KeyShareGroups = [remaining[0]] };
            var outcome = await SendAsync(run, hello, cancellationToken);
            var group = !outcome.Accepted ? null
                : support.Version >= TlsProtocolVersion.Tls13 ? outcome.ServerHello!.KeyShareGroup
                : outcome.Flight!.ServerKeyExchange?.NamedGroup;
            if (group is not { } chosen || !remaining.Remove(chosen))
            {
                return (found, support.Version, outcome.Kind is HelloOutcomeKind.Alert or HelloOutcomeKind.Closed);
            }

            found.Add(chosen);
        }

        return (found, support.Version, true);
    }

    /// <summary>
    /// RFC 7507: a hello for the second-highest accepted version carrying TLS_FALLBACK_SCSV must be
    /// refused with inappropriate_fallback by a server that supports a higher version.
    /// </summary>
    private async Task<bool?> FallbackScsvAsync(ProbeRun run, IReadOnlyList<ProtocolSupport> protocols, CancellationToken cancellationToken)
    {
        var accepted = protocols.Where(p => p.Accepted == true).OrderByDescending(p => p.Version).ToList();
        var lower = accepted.Skip(1).FirstOrDefault(p => p.Version is < TlsProtocolVersion.Tls13 and >= TlsProtocolVersion.Ssl3);
        if (lower is null)
        {
            return null;
        }

        run.Report("fallback SCSV");
        var hello = HelloFor(lower.Version, [.. lower.Suites.Select(s => s.Code).Take(Options.MaxSuitesPerHello)]) with { FallbackScsv = true };
        var outcome = await SendAsync(run, hello, cancellationToken);
        return outcome.Kind switch
        {
            HelloOutcomeKind.Alert when outcome.Alert?.Description == TlsAlertDescription.InappropriateFallback => true,
            HelloOutcomeKind.ServerHello => false,
            _ => null,
        };
    }

    /// <summary>One SSL 2.0 CLIENT-HELLO with every SSLv2 cipher kind: a SERVER-HELLO means the server speaks SSLv2.</summary>
    private async Task<ProtocolSupport> SslV2Async(ProbeRun run, CancellationToken cancellationToken)
    {
        run.Report("SSLv2");
        var (outcome, hello) = await RawHelloExchange.RunSslV2Async(run.Endpoint, Options, run.Gate, cancellationToken);
        run.Observe(outcome);
        return outcome.Kind switch
        {
            HelloOutcomeKind.ServerHello => new ProtocolSupport
            {
                Version = TlsProtocolVersion.Ssl2,
                Accepted = true,
                Detail = $"SSLv2 cipher kinds: {string.Join(", ", hello!.CipherSpecs.Select(k => $"0x{k:X6}"))}",
            },
            HelloOutcomeKind.Alert or HelloOutcomeKind.Closed => new ProtocolSupport { Version = TlsProtocolVersion.Ssl2, Accepted = false, Detail = $"refused: {outcome.Detail}" },
            _ => new ProtocolSupport { Version = TlsProtocolVersion.Ssl2, Detail = outcome.Detail },
        };
    }

    /// <summary>
    /// What the server chooses for each real sender's ClientHello: the recorded hello when the
    /// profile has one (fresh random and key shares, no SNI, as MTAs send), else one synthesised
    /// from the profile's published versions and suites (<see cref="SenderHelloSynthesis"/>). Where
    /// the enumerated facts settle the answer (<see cref="SenderOutcomePredictor"/>) it is predicted
    /// and no connection is made, unless <see cref="TlsProbeOptions.ReplayAllSenders"/>; the other
    /// hellos are sent. A profile with neither hello is not guessed at: its outcome is unknown, with
    /// whatever hard facts it states (versions, SNI) in the detail.
    /// </summary>
    private async Task<IReadOnlyList<SenderOutcome>> SimulateSendersAsync(
        ProbeRun run, IReadOnlyList<ProtocolSupport> protocols, Task<(IReadOnlyList<TlsNamedGroup> Groups, TlsProtocolVersion? Version, bool Complete)> groups,
        Task<IReadOnlyList<PreparedSender>> prepared, CancellationToken cancellationToken)
    {
        var senders = await prepared;
        var facts = await FactsAsync(run, protocols, groups);
        run.Report(facts is null ? "sender simulation" : "sender simulation (answers predicted where the enumerated facts settle them)");
        var profiles = senders.Select(s => s.Profile).ToList();
        var outcomes = await Task.WhenAll(senders.Select(async sender =>
        {
            var (profile, synthesised, hello, info) = sender;
            var offered = profile.OfferedVersions.Select(v => v.ToTlsVersion()).ToList();
            var basis = new SenderOutcome(profile.Id, profile.Name, HelloOutcomeKind.NotSent, null, null, string.Empty, offered)
            {
                Basis = !profile.RawHello.IsDefaultOrEmpty ? SenderHelloBasis.Recorded : synthesised is not null ? SenderHelloBasis.Synthesised : SenderHelloBasis.Unknown,
                Confidence = synthesised?.Confidence,
                Assumptions = synthesised?.Assumptions ?? [],
            };
            if (hello is null)
            {
                return basis with { Detail = basis.Basis == SenderHelloBasis.Unknown ? UnknownDetail(profile, profiles) : "the recorded ClientHello cannot be replayed" };
            }

            var predicted = facts is not null && info is not null ? SenderOutcomePredictor.Predict(facts, info) : null;
            HelloOutcomeKind kind;
            TlsProtocolVersion? version;
            CipherSuiteInfo? suite;
            string detail;
            if (predicted is not null)
            {
                (kind, version, suite, detail) = (predicted.Outcome, predicted.Version, predicted.Suite, predicted.Detail);
            }
            else
            {
                var outcome = await RawHelloExchange.RunAsync(run.Endpoint, Options, run.Gate, hello, cancellationToken);
                var serverHello = outcome.Accepted ? outcome.ServerHello : null;
                (kind, version, suite, detail) = (outcome.Kind, serverHello?.Version, serverHello?.Suite, outcome.Detail);
            }

            basis = basis with { Predicted = predicted is not null };
            if (suite is not null && version is { } chosen && offered.Count > 0 && !offered.Contains(chosen))
            {
                // RFC 5246 appendix E.1: a client that does not support the version the server picked
                // aborts (protocol_version). A TLS 1.2-only sender such as Exchange Online sends a TLS
                // 1.2 hello, which a TLS 1.0/1.1 server answers with its own version.
                return basis with
                {
                    Outcome = HelloOutcomeKind.Alert,
                    Detail = $"the server chose {TlsProtocolNames.Of(chosen)}, which the sender does not offer ({string.Join(", ", offered.Select(TlsProtocolNames.Of))}): it aborts with protocol_version",
                };
            }

            return basis with { Outcome = kind, Version = suite is null ? null : version, Suite = suite, Detail = detail };
        }));
        return outcomes;
    }

    /// <summary>
    /// Each sender's hello, recorded (rewritten without SNI) or synthesised, and parsed: CPU work
    /// (the profile catalogue, rewriting) the probe does while its enumeration waits on the network.
    /// </summary>
    private IReadOnlyList<PreparedSender> PrepareSenders() =>
    [
        .. SenderProfileCatalog.Senders.Select(profile =>
        {
            var synthesised = SenderHelloSynthesis.TryCreate(profile);
            var hello = !profile.RawHello.IsDefaultOrEmpty ? ClientHelloRewriter.Rewrite(profile.RawHello.AsSpan(), null, Options.Limits)
                : synthesised is not null ? ClientHelloBuilder.BuildRecord(synthesised.Options)
                : null;
            var info = hello is not null && ClientHelloReader.TryReadRecords(hello, Options.Limits, out var parsed, out _, out _) == ParseStatus.Done ? parsed : null;
            return new PreparedSender(profile, synthesised, hello, info);
        }),
    ];

    /// <summary>
    /// The enumerated facts a prediction may rest on, once the group test is done; null (send every
    /// hello) when asked to, when an SNI was sent (the replays send none), when any step so far
    /// failed, or when the group test did not end on a refusal.
    /// </summary>
    private async Task<EnumeratedServerFacts?> FactsAsync(
        ProbeRun run, IReadOnlyList<ProtocolSupport> protocols, Task<(IReadOnlyList<TlsNamedGroup> Groups, TlsProtocolVersion? Version, bool Complete)> groups)
    {
        if (Options.ReplayAllSenders || Options.ServerName is not null)
        {
            return null;
        }

        var (found, version, complete) = await groups;
        if (run.Failures.Count > 0 || (version is not null && !complete))
        {
            return null;
        }

        using var rsa = run.Leaf(AuthenticationAlgorithm.Rsa);
        using var ecdsa = run.Leaf(AuthenticationAlgorithm.Ecdsa);
        return new EnumeratedServerFacts
        {
            TestedVersions = Options.Versions,
            Protocols = protocols,
            Groups = found,
            GroupsTestedWith = version,
            GroupCandidates = version == TlsProtocolVersion.Tls13 ? Tls13Groups : version is null ? [] : EcdheGroups,
            RsaCertificate = rsa is not null,
            EcdsaCurve = ecdsa is null ? null : CertificateKey.NamedCurve(ecdsa),
        };
    }

    /// <summary>Why a sender is not simulated, with the hard facts its profile does state.</summary>
    private static string UnknownDetail(SenderProfile profile, IReadOnlyList<SenderProfile> all)
    {
        var facts = new List<string>();
        if (all.FirstOrDefault(p => p.DerivedFrom == profile.Id && SenderHelloSynthesis.CanSynthesise(p)) is { } derived)
        {
            facts.Add($"its published facts are sent as \"{derived.Name}\" ({derived.Id})");
        }

        if (profile.OfferedVersions.Count > 0)
        {
            facts.Add($"offers {string.Join(", ", profile.OfferedVersions.Select(v => TlsProtocolNames.Of(v.ToTlsVersion())))}, suites not known");
        }

        if (profile.SniPolicy is { } sni)
        {
            facts.Add($"SNI: {sni}");
        }

        return facts.Count == 0 ? "no versions or suites published" : string.Join("; ", facts);
    }

    /// <summary>A sender's profile with its hello as sent (null when none can be) and that hello parsed (null when it does not parse, e.g. SSLv2 format).</summary>
    private sealed record PreparedSender(SenderProfile Profile, SynthesisedHello? Synthesised, byte[]? Hello, ClientHelloInfo? Info);
}
