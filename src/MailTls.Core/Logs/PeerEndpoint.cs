using System.Runtime.CompilerServices;

namespace MailTls.Core.Logs;

/// <summary>
/// Reads Postfix's <c>name[address]</c> and <c>name[address]:port</c> peer notation
/// (<c>smtpd_client_namaddr</c>, <c>namaddrport</c>); the name may be empty (postscreen,
/// tlsproxy) or <c>unknown</c>, and an IPv6 address appears inside the brackets unadorned.
/// </summary>
internal static class PeerEndpoint
{
    /// <summary>Reads a peer at the start of <paramref name="text"/>.</summary>
    /// <returns>True when a bracketed address was found.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(ReadOnlySpan<char> text, out ReadOnlySpan<char> host, out ReadOnlySpan<char> ip, out int consumed)
    {
        host = default;
        ip = default;
        consumed = 0;
        var open = text.IndexOfAny('[', ' ');
        if (open < 0 || text[open] != '[')
        {
            return false;
        }

        var close = text[open..].IndexOf(']');
        if (close < 2)
        {
            return false;
        }

        host = text[..open];
        ip = text.Slice(open + 1, close - 1);
        consumed = open + close + 1;

        // Skip ":port" after the address (outbound and postscreen notation).
        if (consumed < text.Length && text[consumed] == ':')
        {
            var port = consumed + 1;
            while (port < text.Length && char.IsAsciiDigit(text[port]))
            {
                port++;
            }

            if (port > consumed + 1)
            {
                consumed = port;
            }
        }

        return true;
    }

    /// <summary>Finds <paramref name="marker"/> (e.g. <c>" from "</c>) and reads the peer after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryReadAfter(ReadOnlySpan<char> text, ReadOnlySpan<char> marker, out ReadOnlySpan<char> host, out ReadOnlySpan<char> ip)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            host = default;
            ip = default;
            return false;
        }

        return TryRead(text[(at + marker.Length)..], out host, out ip, out _);
    }
}
