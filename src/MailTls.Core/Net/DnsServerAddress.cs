using System.Globalization;
using System.Net;

namespace MailTls.Core.Net;

/// <summary>
/// Parses the <c>--dns SERVER[:PORT]</c> option: an IPv4 or IPv6 address with an optional port.
/// A host name is refused because resolving the resolver would need a resolver.
/// </summary>
public static class DnsServerAddress
{
    /// <summary>The DNS port used when none is given (RFC 1035 section 4.2).</summary>
    public const int DefaultPort = 53;

    /// <summary>
    /// Reads <c>1.2.3.4</c>, <c>1.2.3.4:5353</c>, <c>::1</c>, <c>[::1]</c> or <c>[::1]:5353</c>.
    /// </summary>
    /// <param name="text">The option value.</param>
    /// <param name="endpoint">The server, when the text is valid.</param>
    /// <param name="error">What is wrong with the text, when it is not.</param>
    /// <returns>Whether the text named a server.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out IPEndPoint? endpoint, out string? error)
    {
        endpoint = null;
        text = text.Trim();
        if (text.IsEmpty)
        {
            error = "the DNS server is empty; give an address such as 127.0.0.1:5353";
            return false;
        }

        ReadOnlySpan<char> host;
        ReadOnlySpan<char> port = default;
        var hasPort = false;
        if (text[0] == '[')
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                error = $"'{text}' opens '[' without closing it; write [::1]:5353";
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (!rest.IsEmpty)
            {
                if (rest[0] != ':')
                {
                    error = $"'{text}' has '{rest}' after the address; write [ADDRESS]:PORT";
                    return false;
                }

                port = rest[1..];
                hasPort = true;
            }
        }
        else if (text.Count(':') == 1)
        {
            var colon = text.IndexOf(':');
            host = text[..colon];
            port = text[(colon + 1)..];
            hasPort = true;
        }
        else
        {
            // No colon, or several: a bare IPv4 or IPv6 address without a port.
            host = text;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            error = $"'{host}' is not an IP address; --dns takes an address, not a name";
            return false;
        }

        var portNumber = DefaultPort;
        if (hasPort)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber)
                || portNumber is < 1 or > 65535)
            {
                error = $"'{port}' is not a port number from 1 to 65535";
                return false;
            }
        }

        endpoint = new IPEndPoint(address, portNumber);
        error = null;
        return true;
    }
}
