using System.Net;

namespace MailTls.Core.Dns;

/// <summary>
/// How a DANE SMTP sender finds the TLSA records of an MX host (RFC 7672 sections 2.2.1 and
/// 2.2.2): the host's address lookup decides whether DANE applies at all, and when the host name
/// is a CNAME whose expansion is secure, the expanded name is tried first as the TLSA base domain
/// and the original name second.
/// </summary>
/// <param name="Host">The MX host name as the MX record gives it.</param>
/// <param name="Port">The TCP port.</param>
/// <param name="Addresses">The host's A answer (CNAMEs included), which decides the rest.</param>
/// <param name="BaseDomain">The name whose <c>_port._tcp</c> TLSA RRset was used, or null when none was looked up.</param>
/// <param name="Tlsa">The TLSA answer used, or null when DANE does not apply.</param>
public sealed record DaneTlsaLookup(
    string Host,
    int Port,
    DnsAnswer<IPAddress> Addresses,
    string? BaseDomain,
    DnsAnswer<TlsaRecord>? Tlsa)
{
    /// <summary>
    /// Whether a DANE sender looks for TLSA records at all: only when the address records are
    /// DNSSEC-secure (RFC 7672 section 2.2.1). With an insecure or failed address lookup it uses
    /// opportunistic TLS.
    /// </summary>
    public bool DaneApplies => Tlsa is not null;
}
