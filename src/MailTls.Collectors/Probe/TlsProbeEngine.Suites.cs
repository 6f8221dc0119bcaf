using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// Suite enumeration per version: bundles, iterative removal, order, tail check.
public sealed partial class TlsProbeEngine
{
    private const int SmallestBundle = 8;

    private async Task<ProtocolSupport> EnumerateVersionAsync(
        ProbeRun run, TlsProtocolVersion version, HelloOutcome? firstAnswer, int bundleSize, CancellationToken cancellationToken)
    {
        run.Report($"{TlsProtocolNames.Of(version)} suites");
        var candidates = SuiteCandidates.For(version);
        var chains = new List<List<AcceptedSuite>>();
        string? refusal = null;
        string? unknown = null;
        var bundles = (candidates.Count + bundleSize - 1) / bundleSize;
        for (var index = 0; index < bundles; index++)
        {
            var remaining = Bundle(candidates, index, bundleSize);
            var chain = new List<AcceptedSuite>();
            while (remaining.Count > 0)
            {
                var outcome = index == 0 && firstAnswer is not null && chains.Count == 0 && chain.Count == 0
                    ? firstAnswer
                    : await SendAsync(run, version, remaining, cancellationToken);
                if (!outcome.Accepted)
                {
                    if (outcome.Kind is HelloOutcomeKind.Timeout or HelloOutcomeKind.Invalid or HelloOutcomeKind.NotSent)
                    {
                        unknown ??= outcome.Detail;
                    }
                    else if (outcome.Alert?.Description == TlsAlertDescription.ProtocolVersion && chains.Count == 0 && chain.Count == 0)
                    {
                        // RFC 8446 section 4.2.1 / RFC 5246 appendix E.1: protocol_version means the version itself is refused.
                        return new ProtocolSupport { Version = version, Accepted = false, Detail = $"refused: {outcome.Detail}" };
                    }
                    else
                    {
                        refusal ??= outcome.Detail;
                    }

                    break;
                }

                var hello = outcome.ServerHello!;
                if (hello.Version != version)
                {
                    // The server answered with another version: it does not do this one (a lower one) or broke the rules (a higher one).
                    return new ProtocolSupport { Version = version, Accepted = false, Detail = $"refused: the server answered with {TlsProtocolNames.Of(hello.Version)}" };
                }

                if (!remaining.Remove(hello.CipherSuite))
                {
                    run.Fail($"{TlsProtocolNames.Of(version)}: the server chose suite 0x{hello.CipherSuite:X4}, which was not offered");
                    unknown ??= "the server chose a suite that was not offered";
                    break;
                }

                chain.Add(Accepted(outcome));
            }

            if (chain.Count > 0)
            {
                chains.Add(chain);
            }
        }

        if (chains.Count == 0)
        {
            return unknown is not null && refusal is null
                ? new ProtocolSupport { Version = version, Accepted = null, Detail = unknown }
                : new ProtocolSupport { Version = version, Accepted = false, Detail = $"refused: {refusal ?? unknown}" };
        }

        var found = chains.SelectMany(c => c).ToList();
        if (bundleSize > SmallestBundle && await IgnoresTailAsync(run, version, candidates, found, bundleSize, cancellationToken))
        {
            run.Report($"{TlsProtocolNames.Of(version)}: the server ignores suites past a list position; smaller bundles");
            return await EnumerateVersionAsync(run, version, null, Math.Max(SmallestBundle, bundleSize / 4), cancellationToken);
        }

        var order = await OrderAsync(run, version, found, bundleSize, cancellationToken);
        if (order == SuiteOrder.Server && chains.Count > 1)
        {
            found = await MergeAsync(run, version, chains, cancellationToken);
        }

        return new ProtocolSupport { Version = version, Accepted = true, Suites = found, Order = order };
    }

    private static AcceptedSuite Accepted(HelloOutcome outcome)
    {
        var hello = outcome.ServerHello!;
        var exchange = outcome.Flight!.ServerKeyExchange;
        var group = hello.Version >= TlsProtocolVersion.Tls13 ? hello.KeyShareGroup : exchange?.NamedGroup;
        var dhBits = exchange is { KeyExchange: KeyExchangeAlgorithm.Dhe, PrimeBits: > 0 } ? exchange.PrimeBits : (int?)null;
        return new AcceptedSuite(hello.Suite, group, dhBits);
    }

    /// <summary>
    /// Whether the server misses an accepted suite placed last behind refused ones: such servers
    /// read only the first N suites, and bundles that size would hide suites from the scan.
    /// </summary>
    private async Task<bool> IgnoresTailAsync(
        ProbeRun run, TlsProtocolVersion version, IReadOnlyList<CipherSuiteInfo> candidates, List<AcceptedSuite> found, int bundleSize, CancellationToken cancellationToken)
    {
        var acceptedCodes = found.Select(s => s.Code).ToHashSet();
        var fillers = candidates.Where(c => !acceptedCodes.Contains(c.Code)).Take(bundleSize - 1).Select(c => c.Code).ToList();
        if (fillers.Count < SmallestBundle)
        {
            return false;
        }

        var probe = await SendAsync(run, version, [.. fillers, found[^1].Code], cancellationToken);
        return probe.Kind is HelloOutcomeKind.Alert or HelloOutcomeKind.Closed;
    }

    /// <summary>One hello with the found suites reversed: the server's pick tells whose order counts.</summary>
    private async Task<SuiteOrder> OrderAsync(ProbeRun run, TlsProtocolVersion version, List<AcceptedSuite> found, int bundleSize, CancellationToken cancellationToken)
    {
        if (found.Count < 2)
        {
            return SuiteOrder.Unknown;
        }

        var reversed = found.Select(s => s.Code).Reverse().Take(bundleSize).ToList();
        var outcome = await SendAsync(run, version, reversed, cancellationToken);
        if (!outcome.Accepted)
        {
            return SuiteOrder.Unknown;
        }

        var chosen = outcome.ServerHello!.CipherSuite;
        return chosen == reversed[0] ? SuiteOrder.Client
            : chosen == found[0].Code ? SuiteOrder.Server
            : SuiteOrder.Unknown;
    }

    /// <summary>
    /// Merges the per-bundle chains (each already in server order) into one: the server's next
    /// choice overall is among the chains' heads, so each hello offers only the heads.
    /// </summary>
    private async Task<List<AcceptedSuite>> MergeAsync(ProbeRun run, TlsProtocolVersion version, List<List<AcceptedSuite>> chains, CancellationToken cancellationToken)
    {
        var queues = chains.Select(c => new Queue<AcceptedSuite>(c)).ToList();
        var merged = new List<AcceptedSuite>();
        while (queues.Count(q => q.Count > 0) > 1)
        {
            var heads = queues.Where(q => q.Count > 0).Select(q => q.Peek().Code).ToList();
            var outcome = await SendAsync(run, version, heads, cancellationToken);
            var queue = outcome.Accepted ? queues.FirstOrDefault(q => q.Count > 0 && q.Peek().Code == outcome.ServerHello!.CipherSuite) : null;
            if (queue is null)
            {
                // No usable answer: keep the order found rather than invent one.
                break;
            }

            merged.Add(queue.Dequeue());
        }

        merged.AddRange(queues.SelectMany(q => q));
        return merged;
    }
}
