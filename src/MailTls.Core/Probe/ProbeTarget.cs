using System.Globalization;
using System.Net;

namespace MailTls.Core.Probe;

/// <summary>
/// What <c>mailtls probe TARGET</c> names: an address (<c>192.0.2.1</c>, <c>[2001:db8::1]:587</c>), or
/// a name with an optional port (<c>example.com</c>, <c>mx.example.com:465</c>). A name without a port
/// is looked up as a mail domain first (MX), and probed as a host when it has no MX records.
/// </summary>
/// <param name="Name">The host or domain name (no trailing dot), or the address text.</param>
/// <param name="Address">The address when the target is one.</param>
/// <param name="Port">The port given in the target, if any.</param>
public sealed record ProbeTarget(string Name, IPAddress? Address, int? Port)
{
    private const int MaxNameLength = 253;

    /// <summary>True when the target may be a mail domain (a name given without a port).</summary>
    public bool MayBeDomain => Address is null && Port is null;

    /// <summary>Parses the target; false with a one-line reason when it is neither an address nor a host name.</summary>
    public static bool TryParse(string? text, out ProbeTarget? target, out string error)
    {
        target = null;
        error = string.Empty;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "the target is empty; give a domain, a host, host:port or an address";
            return false;
        }

        if (IPAddress.TryParse(text, out var bare) && !text.Contains(']', StringComparison.Ordinal))
        {
            // A bare IPv6 address contains colons and cannot carry a port without brackets.
            target = new ProbeTarget(bare.ToString(), bare, null);
            return true;
        }

        string host = text;
        int? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(text.AsSpan(1, close - 1), out var bracketed))
            {
                error = $"'{text}' is not [address] or [address]:port";
                return false;
            }

            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':') || !TryPort(rest[1..], out var bracketPort))
                {
                    error = $"'{text}': the port after ']' must be :1 to :65535";
                    return false;
                }

                port = bracketPort;
            }

            target = new ProbeTarget(bracketed.ToString(), bracketed, port);
            return true;
        }

        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!TryPort(text[(colon + 1)..], out var namedPort))
            {
                error = $"'{text}': the port must be a number from 1 to 65535";
                return false;
            }

            host = text[..colon];
            port = namedPort;
        }

        host = host.TrimEnd('.');
        if (IPAddress.TryParse(host, out var address))
        {
            target = new ProbeTarget(address.ToString(), address, port);
            return true;
        }

        if (!IsHostName(host))
        {
            error = $"'{host}' is not a host name (letters, digits, '-' and '.', at most {MaxNameLength} characters)";
            return false;
        }

        target = new ProbeTarget(host.ToLowerInvariant(), null, port);
        return true;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= MaxNameLength
        && host.Split('.').All(label => label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
}
