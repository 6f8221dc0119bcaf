using System.Xml.Linq;
using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Oracles;

/// <summary>
/// Reads nmap's <c>-oX</c> output of the ssl-enum-ciphers script: a table per protocol
/// (<c>TLSv1.2</c>), holding a <c>ciphers</c> table whose entries carry the IANA suite name.
/// Names are mapped to codes with the mailtls registry; a name it does not know is kept as
/// <see cref="UnknownNames"/> so a test can fail on it rather than drop it.
/// </summary>
internal static class NmapXml
{
    public static (OracleScan Scan, IReadOnlyList<string> UnknownNames) Parse(string xml)
    {
        var document = XDocument.Parse(xml);
        var script = document.Descendants("script").FirstOrDefault(s => (string?)s.Attribute("id") == "ssl-enum-ciphers");
        var protocols = new List<TlsProtocolVersion>();
        var suites = new List<(TlsProtocolVersion, ushort)>();
        var unknown = new List<string>();
        foreach (var table in script?.Elements("table") ?? [])
        {
            if (Version((string?)table.Attribute("key")) is not { } version)
            {
                continue;
            }

            protocols.Add(version);
            var names = table.Elements("table").Where(t => (string?)t.Attribute("key") == "ciphers")
                .SelectMany(t => t.Elements("table"))
                .Select(c => c.Elements("elem").FirstOrDefault(e => (string?)e.Attribute("key") == "name")?.Value)
                .OfType<string>();
            foreach (var name in names)
            {
                // nmap names the TLS 1.3 suites TLS_AKE_WITH_...; IANA has TLS_....
                var iana = name.Replace("TLS_AKE_WITH_", "TLS_", StringComparison.Ordinal);
                if (CipherSuiteRegistry.TryGetByName(iana, out var suite))
                {
                    suites.Add((version, suite.Code));
                }
                else
                {
                    unknown.Add(name);
                }
            }
        }

        return (OracleScan.From("nmap ssl-enum-ciphers", protocols, suites), unknown);
    }

    private static TlsProtocolVersion? Version(string? key) => key switch
    {
        "SSLv3" => TlsProtocolVersion.Ssl3,
        "TLSv1.0" => TlsProtocolVersion.Tls10,
        "TLSv1.1" => TlsProtocolVersion.Tls11,
        "TLSv1.2" => TlsProtocolVersion.Tls12,
        "TLSv1.3" => TlsProtocolVersion.Tls13,
        _ => null,
    };
}
