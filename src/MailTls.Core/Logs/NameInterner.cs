using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    // Each parsing thread first looks in its own direct-mapped cache (one slot per hash, a newer
    // name evicts an older one): a short hash and one comparison, where a dictionary lookup cost
    // more than the rest of a line's parse. The shared dictionary answers the misses.
    private const int CacheSlots = 1 << 16;

    [ThreadStatic]
    private static (NameInterner? Owner, string?[]? Slots) t_cache;

    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The shared string equal to <paramref name="name"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Intern(ReadOnlySpan<char> name)
    {
        if (t_cache.Owner != this || t_cache.Slots is null)
        {
            // Another log read: names of the last one must not leak into this one.
            t_cache = (this, new string?[CacheSlots]);
        }

        var slots = t_cache.Slots;
        var slot = (int)(Hash(name) & (CacheSlots - 1));
        if (slots[slot] is { } cached && name.SequenceEqual(cached))
        {
            return cached;
        }

        if (!_names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var interned))
        {
            interned = name.ToString();

            // A counter of our own: ConcurrentDictionary.Count takes every lock of the dictionary.
            if (Volatile.Read(ref _count) >= MaxNames)
            {
                return interned;
            }

            // Two threads may add the same name at once; both then use the one that won.
            var added = _names.GetOrAdd(interned, interned);
            if (ReferenceEquals(added, interned))
            {
                Interlocked.Increment(ref _count);
            }

            interned = added;
        }

        slots[slot] = interned;
        return interned;
    }

    // Not a quality hash, only a cheap one for cache slots: four characters at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Hash(ReadOnlySpan<char> name)
    {
        var hash = (ulong)name.Length;
        var words = MemoryMarshal.Cast<char, ulong>(name);
        foreach (var word in words)
        {
            hash = BitOperations.RotateLeft((hash ^ word) * 0x9E3779B97F4A7C15UL, 29);
        }

        for (var i = words.Length * 4; i < name.Length; i++)
        {
            hash = BitOperations.RotateLeft((hash ^ name[i]) * 0x9E3779B97F4A7C15UL, 29);
        }

        return hash ^ (hash >> 32);
    }
}
