using System.Security.Cryptography.X509Certificates;

namespace MailTls.Core.Dns;

/// <summary>
/// What a DANE check needs for one SMTP service: the TLSA RRset at <c>_port._tcp.host</c> with its
/// DNSSEC status, the chain the server presents now (from a handshake or from the files in use),
/// and optionally the chain about to be deployed (the rollover check).
/// </summary>
/// <param name="Host">The MX host name, the TLSA base domain.</param>
/// <param name="Port">The TCP port, 25 for MTA-to-MTA SMTP.</param>
/// <param name="Tlsa">The TLSA answer, or its failure.</param>
/// <param name="ServedChain">The chain served now, leaf first; null when it was not observed.</param>
/// <param name="ServedChainSource">Where <paramref name="ServedChain"/> came from (<c>mx.example.com[192.0.2.1]:25</c>, a file path).</param>
/// <param name="DeployChain">A chain about to be deployed, leaf first; null when none was given.</param>
/// <param name="DeployChainSource">Where <paramref name="DeployChain"/> came from (file paths).</param>
/// <param name="ServedPort">
/// The port <paramref name="ServedChain"/> was read from when it is not <paramref name="Port"/>: doctor
/// reads the local MX service on <c>--mx-port</c>, while the records stay at <c>_25._tcp</c>.
/// </param>
public sealed record TlsaEvidence(
    string Host,
    int Port,
    DnsAnswer<TlsaRecord> Tlsa,
    IReadOnlyList<X509Certificate2>? ServedChain = null,
    string? ServedChainSource = null,
    IReadOnlyList<X509Certificate2>? DeployChain = null,
    string? DeployChainSource = null,
    int? ServedPort = null)
{
    /// <summary>The TLSA owner name, <c>_25._tcp.mx.example.com.</c>.</summary>
    public string OwnerName => TlsaRecord.OwnerName(Host, Port);
}
