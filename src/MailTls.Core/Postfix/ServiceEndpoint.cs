using System.Globalization;

namespace MailTls.Core.Postfix;

/// <summary>
/// The address and port a master.cf <c>inet</c> service listens on, from its service name
/// (master(5): <c>[host:]port</c>, where port is a number or a name from /etc/services).
/// </summary>
public static class ServiceEndpoint
{
    /// <summary>Reads a service name such as <c>smtp</c>, <c>submission</c>, <c>2525</c> or <c>127.0.0.1:10025</c>.</summary>
    /// <param name="serviceName">The first master.cf field.</param>
    /// <param name="address">The address it is bound to; null for every address (<c>*</c> or none).</param>
    /// <param name="port">The TCP port.</param>
    /// <returns>False when the port is neither a number nor a mail service name mailtls knows.</returns>
    public static bool TryParse(string serviceName, out string? address, out int port)
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        address = null;
        var portText = serviceName;
        var colon = serviceName.LastIndexOf(':');
        if (colon >= 0)
        {
            var host = serviceName[..colon].Trim('[', ']');
            address = host is "" or "*" ? null : host;
            portText = serviceName[(colon + 1)..];
        }

        // The names of /etc/services that mail services use; other names are rare enough to skip.
        port = portText switch
        {
            "smtp" => 25,
            "submission" => 587,
            "smtps" or "submissions" or "urd" or "ssmtp" => 465,
            _ => int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536 ? number : 0,
        };
        return port != 0;
    }
}
