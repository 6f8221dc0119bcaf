namespace MailTls.Core.Logs;

/// <summary>
/// One string per distinct name (syslog tags, peers, protocols, ciphers), looked up by span so that
/// a repeated name costs no allocation. Bounded: past the cap, names get fresh strings.
/// </summary>
internal sealed class NameInterner
{
    private const int MaxNames = 10_000;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>The shared string equal to <paramref name="name"/>.</summary>
    public string Intern(ReadOnlySpan<char> name)
    {
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name, out var interned))
        {
            interned = name.ToString();
            if (_names.Count < MaxNames)
            {
                _names[interned] = interned;
            }
        }

        return interned;
    }
}
