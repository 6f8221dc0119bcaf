using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Oracles;

/// <summary>
/// Reads testssl.sh's <c>--jsonfile</c> output (an array of <c>{id, finding, ...}</c>). Protocols are
/// the ids SSLv3, TLS1, TLS1_1, TLS1_2, TLS1_3 whose finding starts with "offered"; suites are the
/// ids <c>cipher-PROTO_xHEX</c> that <c>-E</c> writes for each suite offered.
/// </summary>
internal static partial class TestSslJson
{
    private static readonly Dictionary<string, TlsProtocolVersion> Versions = new(StringComparer.Ordinal)
    {
        ["SSLv3"] = TlsProtocolVersion.Ssl3,
        ["TLS1"] = TlsProtocolVersion.Tls10,
        ["TLS1_1"] = TlsProtocolVersion.Tls11,
        ["TLS1_2"] = TlsProtocolVersion.Tls12,
        ["TLS1_3"] = TlsProtocolVersion.Tls13,
        ["ssl3"] = TlsProtocolVersion.Ssl3,
        ["tls1"] = TlsProtocolVersion.Tls10,
        ["tls1_1"] = TlsProtocolVersion.Tls11,
        ["tls1_2"] = TlsProtocolVersion.Tls12,
        ["tls1_3"] = TlsProtocolVersion.Tls13,
    };

    [GeneratedRegex("^cipher-(ssl3|tls1|tls1_1|tls1_2|tls1_3)_x([0-9a-f]{1,4})$")]
    private static partial Regex CipherId();

    public static OracleScan Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var protocols = new List<TlsProtocolVersion>();
        var suites = new List<(TlsProtocolVersion, ushort)>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString() ?? string.Empty;
            var finding = entry.GetProperty("finding").GetString() ?? string.Empty;
            if (Versions.TryGetValue(id, out var version) && char.IsUpper(id[0]))
            {
                if (finding.StartsWith("offered", StringComparison.Ordinal))
                {
                    protocols.Add(version);
                }

                continue;
            }

            var match = CipherId().Match(id);
            if (match.Success)
            {
                suites.Add((Versions[match.Groups[1].Value], ushort.Parse(match.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
        }

        return OracleScan.From("testssl.sh", protocols, suites);
    }
}
