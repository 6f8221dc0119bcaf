using System.Net;

namespace MailTls.Collectors.Probe;

/// <summary>One server address and port to probe.</summary>
/// <param name="HostName">The name it was reached by (MX host name), or the address text.</param>
/// <param name="Address">The address to connect to.</param>
/// <param name="Port">The TCP port (25 and 587: STARTTLS; 465: TLS on connect).</param>
/// <param name="ImplicitTls">TLS on connect rather than STARTTLS.</param>
/// <param name="Domain">The mail domain whose MX named the host, when there is one.</param>
public sealed record ProbeEndpoint(string HostName, IPAddress Address, int Port, bool ImplicitTls, string? Domain = null)
{
    /// <summary>The endpoint as <c>host[address]:port</c>, the form Postfix logs use; <c>[address]:port</c> when no name was given.</summary>
    public string Target => HostName == Address.ToString() ? $"[{Address}]:{Port}" : $"{HostName}[{Address}]:{Port}";
}
