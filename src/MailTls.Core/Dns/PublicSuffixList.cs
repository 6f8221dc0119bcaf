using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;

namespace MailTls.Core.Dns;

/// <summary>
/// The Public Suffix List (https://publicsuffix.org/list/), used to name a peer's organisation by its
/// registrable domain so that 40 <c>*.google.com</c> senders count as one. The text is passed in
/// (Debian ships it as <c>/usr/share/publicsuffix/public_suffix_list.dat</c>); this type does no I/O.
/// </summary>
/// <remarks>
/// Algorithm from https://github.com/publicsuffix/list/wiki/Format: the matching rule with the most
/// labels wins, an exception rule (<c>!</c>) wins over all and removes its leftmost label, and when
/// nothing matches the implicit rule <c>*</c> makes the TLD the suffix. The registrable domain is the
/// suffix plus one label.
/// </remarks>
public sealed class PublicSuffixList
{
    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    // Lookups by span, so that the suffixes of a name are tried without cutting them out as strings.
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _ruleLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _wildcardLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _exceptionLookup;

    private PublicSuffixList(bool isFallback)
    {
        IsFallback = isFallback;
        _ruleLookup = _rules.GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcardLookup = _wildcards.GetAlternateLookup<ReadOnlySpan<char>>();
        _exceptionLookup = _exceptions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// A list with no rules: the registrable domain is taken to be the last two labels. That is
    /// wrong for suffixes such as <c>co.uk</c>, so results made with it must be flagged as approximate.
    /// </summary>
    public static PublicSuffixList Fallback { get; } = new(isFallback: true);

    /// <summary>True when this is <see cref="Fallback"/>: organisations are the last two labels.</summary>
    public bool IsFallback { get; }

    /// <summary>How many rules were loaded.</summary>
    public int RuleCount => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Parses the list's text. Comments (<c>//</c>) and blank lines are skipped; a rule is the first word of a line.</summary>
    /// <param name="text">The contents of <c>public_suffix_list.dat</c>.</param>
    /// <returns>The list; <see cref="RuleCount"/> is 0 if the text held no rules.</returns>
    public static PublicSuffixList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new PublicSuffixList(isFallback: false);
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.IsEmpty || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOfAny(' ', '\t');
            var rule = space < 0 ? line : line[..space];
            if (!TryToAscii(rule.TrimStart("!*.").ToString(), out var ascii))
            {
                continue;
            }

            if (rule.StartsWith('!'))
            {
                list._exceptions.Add(ascii);
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                list._wildcards.Add(ascii);
            }
            else
            {
                list._rules.Add(ascii);
            }
        }

        return list;
    }

    /// <summary>
    /// The registrable domain of <paramref name="host"/> (<c>mail-wi0-x230.google.com</c> → <c>google.com</c>),
    /// or null for IP literals, <c>unknown</c>, single labels and names that are themselves public suffixes.
    /// </summary>
    /// <param name="host">A DNS name as logged.</param>
    /// <remarks>
    /// Allocates only the answer: a log of many distinct peers asks this for most of its sessions, and
    /// splitting and joining labels made it a fifth of what reading such a log cost.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? GetRegistrableDomain(string? host)
    {
        if (string.IsNullOrEmpty(host) || host.Length > 253 || MayBeAddress(host) && IPAddress.TryParse(host, out _))
        {
            return null;
        }

        Span<char> name = stackalloc char[host.Length];
        var length = host.AsSpan().TrimEnd('.').ToLowerInvariant(name);
        name = name[..length];
        if (name.IsEmpty || name[0] == '.' || name.Contains("..", StringComparison.Ordinal) || !name.Contains('.'))
        {
            return null;
        }

        var labels = name.Count('.') + 1;
        var suffixLabels = IsFallback ? 1 : SuffixLabelCount(name, labels);
        if (labels <= suffixLabels)
        {
            return null;
        }

        // The last suffixLabels + 1 labels.
        var start = name.Length;
        for (var i = 0; i <= suffixLabels; i++)
        {
            start = name[..Math.Max(start - 1, 0)].LastIndexOf('.') + 1;
        }

        return name[start..].ToString();
    }

    /// <summary>
    /// False when <paramref name="host"/> cannot be an IP literal: IPv6 has colons, and an IPv4
    /// literal ends in a number (possibly 0x hex), where a name ends in an alphabetic top-level label.
    /// </summary>
    private static bool MayBeAddress(string host)
    {
        var last = host.AsSpan(host.LastIndexOf('.') + 1);
        return host.Contains(':', StringComparison.Ordinal) || last.IsEmpty || char.IsAsciiDigit(last[0]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SuffixLabelCount(ReadOnlySpan<char> name, int labels)
    {
        // Try every suffix of the name, longest first; the first hit is the longest matching rule.
        var start = 0;
        for (var take = labels; take >= 1; take--)
        {
            var candidate = name[start..];
            if (_exceptionLookup.Contains(candidate))
            {
                return take - 1;
            }

            // "*.ck" matches one more label than "ck", so it is the longer rule when both match here.
            // The name "ck" itself counts as a suffix too, as libpsl (curl's and wget's list library)
            // has it; the published algorithm leaves that case open.
            if (_wildcardLookup.Contains(candidate))
            {
                return take < labels ? take + 1 : take;
            }

            if (_ruleLookup.Contains(candidate))
            {
                return take;
            }

            start += candidate.IndexOf('.') + 1;
        }

        // The implicit "*" rule.
        return 1;
    }

    private static bool TryToAscii(string rule, out string ascii)
    {
        ascii = rule.ToLowerInvariant();
        if (ascii.Length == 0)
        {
            return false;
        }

        if (ascii.All(char.IsAscii))
        {
            return true;
        }

        try
        {
            ascii = new IdnMapping().GetAscii(ascii);
            return true;
        }
        catch (ArgumentException)
        {
            // A rule the IDN mapping rejects cannot match an A-label host name from a log.
            return false;
        }
    }
}
