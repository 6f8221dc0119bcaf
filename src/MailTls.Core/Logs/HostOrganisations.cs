using System.Collections.Concurrent;
using MailTls.Core.Dns;

namespace MailTls.Core.Logs;

/// <summary>
/// The organisation (registrable domain) of each peer host, shared by the threads that parse the
/// blocks of a read: the lookup then happens while a block is parsed, in parallel, rather than
/// when its session ends in the one thread that correlates. Keyed by name regardless of case (the
/// suffix list lower-cases, so such names get equal answers), not by identity: past the name
/// interner's cap, and on Sendmail and Exim lines, the same host arrives as a new string each time.
/// Bounded: past the cap, answers are computed and not kept.
/// </summary>
internal sealed class HostOrganisations(PublicSuffixList suffixes)
{
    private const int MaxHosts = 100_000;
    private readonly ConcurrentDictionary<string, string?> _byHost = new(StringComparer.OrdinalIgnoreCase);
    private int _count;

    /// <summary>The registrable domain of <paramref name="host"/>, or null when it has none.</summary>
    public string? Of(string host)
    {
        if (_byHost.TryGetValue(host, out var organisation))
        {
            return organisation;
        }

        organisation = suffixes.GetRegistrableDomain(host);

        // A counter of our own: ConcurrentDictionary.Count takes every lock of the dictionary.
        if (Volatile.Read(ref _count) < MaxHosts && _byHost.TryAdd(host, organisation))
        {
            Interlocked.Increment(ref _count);
        }

        return organisation;
    }
}
