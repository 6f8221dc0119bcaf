using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MailTls.Core.Logs;

/// <summary>
/// One string per distinct name (syslog tags, peers, protocols, ciphers), looked up by span so that
/// a repeated name costs no allocation. Shared by the threads that parse blocks of one log, so a
/// name seen in any block is allocated once and later lookups by reference stay cheap. Bounded:
/// past the cap, names get fresh strings.
/// </summary>
internal sealed class NameInterner
{
    private const int MaxNames = 10_000;

    // Each parsing thread first asks its own plain dictionary: the shared concurrent one hashes
    // every lookup with the randomised string hash, which cost more than the rest of a line's parse.
    [ThreadStatic]
    private static (NameInterner? Owner, Dictionary<string, string>? Names) t_local;

    // Program names, protocols and ciphers repeat from line to line: a few recent names compared
    // directly beat hashing them again.
    private const int RecentNames = 4;

    [ThreadStatic]
    private static string?[]? t_recent;

    [ThreadStatic]
    private static int t_nextRecent;

    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>The shared string equal to <paramref name="name"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Intern(ReadOnlySpan<char> name)
    {
        if (t_local.Owner != this || t_local.Names is null)
        {
            // Another log read: names of the last one must not leak into this one.
            t_local = (this, new Dictionary<string, string>(StringComparer.Ordinal));
            t_recent = null;
        }

        var recent = t_recent ??= new string?[RecentNames];
        foreach (var candidate in recent)
        {
            if (candidate is not null && name.SequenceEqual(candidate))
            {
                return candidate;
            }
        }

        var local = t_local.Names;
        if (local.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var interned))
        {
            Remember(recent, interned);
            return interned;
        }

        if (!_names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out interned))
        {
            interned = name.ToString();
            if (_names.Count >= MaxNames)
            {
                return interned;
            }

            // Two threads may add the same name at once; both then use the one that won.
            interned = _names.GetOrAdd(interned, interned);
        }

        if (local.Count < MaxNames)
        {
            local[interned] = interned;
        }

        Remember(recent, interned);
        return interned;
    }

    private static void Remember(string?[] recent, string name)
    {
        recent[t_nextRecent] = name;
        t_nextRecent = (t_nextRecent + 1) % RecentNames;
    }
}
