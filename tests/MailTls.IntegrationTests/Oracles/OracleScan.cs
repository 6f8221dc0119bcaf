using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Oracles;

/// <summary>
/// What one scanner (testssl.sh, sslscan, nmap ssl-enum-ciphers, or mailtls itself) reports a server
/// accepts: the protocol versions and, per version, the cipher suite codes. Only SSLv3..TLS 1.3 are
/// kept; SSLv2 is outside what the scanners are compared on.
/// </summary>
internal sealed record OracleScan(string Tool, IReadOnlySet<TlsProtocolVersion> Protocols, IReadOnlyDictionary<TlsProtocolVersion, IReadOnlySet<ushort>> Suites)
{
    /// <summary>The finite-field DH group size per (version, suite), where the scanner reports it.</summary>
    public IReadOnlyDictionary<(TlsProtocolVersion Version, ushort Code), int> DhBits { get; init; } = new Dictionary<(TlsProtocolVersion, ushort), int>();

    /// <summary>Suites accepted with <paramref name="version"/>, empty when none.</summary>
    public IReadOnlySet<ushort> SuitesFor(TlsProtocolVersion version) => Suites.TryGetValue(version, out var suites) ? suites : new HashSet<ushort>();

    /// <summary>One line per version, e.g. <c>Tls12: 0x002F 0xC02F</c>, for failure messages.</summary>
    public string Describe() =>
        $"{Tool}: protocols {string.Join(',', Protocols.Order())}; " +
        string.Join("; ", Suites.OrderBy(p => p.Key).Select(p => $"{p.Key}: {string.Join(' ', p.Value.Order().Select(c => $"0x{c:X4}"))}"));

    /// <summary>Builds a scan from (version, code) pairs and the versions reported offered.</summary>
    public static OracleScan From(string tool, IEnumerable<TlsProtocolVersion> protocols, IEnumerable<(TlsProtocolVersion Version, ushort Code)> suites) =>
        new(
            tool,
            protocols.ToHashSet(),
            suites.GroupBy(s => s.Version).ToDictionary(g => g.Key, g => (IReadOnlySet<ushort>)g.Select(s => s.Code).ToHashSet()));
}
