using System.Globalization;
using System.Xml.Linq;
using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Oracles;

/// <summary>
/// Reads sslscan's <c>--xml=-</c> output: <c>&lt;protocol type="tls" version="1.2" enabled="1"/&gt;</c>
/// and <c>&lt;cipher status="accepted" sslversion="TLSv1.2" id="0xC02F" .../&gt;</c>.
/// </summary>
internal static class SslScanXml
{
    public static OracleScan Parse(string xml)
    {
        // sslscan prints its version banner before the XML on some builds; the document starts at "<?xml".
        var start = xml.IndexOf("<?xml", StringComparison.Ordinal);
        var document = XDocument.Parse(start > 0 ? xml[start..] : xml);
        var protocols = document.Descendants("protocol")
            .Where(p => (string?)p.Attribute("enabled") == "1")
            .Select(p => Version($"{p.Attribute("type")?.Value}{p.Attribute("version")?.Value}"))
            .OfType<TlsProtocolVersion>();
        var ciphers = document.Descendants("cipher")
            .Select(c => (Version: Version((string?)c.Attribute("sslversion") ?? string.Empty), Id: (string?)c.Attribute("id") ?? string.Empty, DhBits: (int?)c.Attribute("dhebits")))
            .Where(c => c.Version is not null && c.Id.StartsWith("0x", StringComparison.Ordinal))
            .Select(c => (Version: c.Version!.Value, Code: ushort.Parse(c.Id.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture), c.DhBits))
            .ToList();
        return OracleScan.From("sslscan", protocols, ciphers.Select(c => (c.Version, c.Code))) with
        {
            // dhebits is the DHE group size; ECDHE suites carry ecdhebits instead.
            DhBits = ciphers.Where(c => c.DhBits is not null).ToDictionary(c => (c.Version, c.Code), c => c.DhBits!.Value),
        };
    }

    private static TlsProtocolVersion? Version(string text) => text switch
    {
        "ssl3" or "SSLv3" => TlsProtocolVersion.Ssl3,
        "tls1.0" or "TLSv1.0" => TlsProtocolVersion.Tls10,
        "tls1.1" or "TLSv1.1" => TlsProtocolVersion.Tls11,
        "tls1.2" or "TLSv1.2" => TlsProtocolVersion.Tls12,
        "tls1.3" or "TLSv1.3" => TlsProtocolVersion.Tls13,
        _ => null,
    };
}
