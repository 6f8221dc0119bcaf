using System.Collections.Frozen;

namespace MailTls.Core.Tls;

/// <summary>
/// Every cipher suite in the IANA TLS registry with its OpenSSL name and properties.
/// Lookup by code never fails: an unknown code gives <see cref="CipherSuiteInfo.Unknown"/>, keeping the number.
/// </summary>
public static partial class CipherSuiteRegistry
{
    private static readonly CipherSuiteInfo[] Table = CreateTable();

    private static readonly FrozenDictionary<ushort, CipherSuiteInfo> ByCode = Table.ToFrozenDictionary(s => s.Code);

    private static readonly FrozenDictionary<string, CipherSuiteInfo> ByName = BuildNameIndex();

    /// <summary>All known suites in code order.</summary>
    public static IReadOnlyList<CipherSuiteInfo> All => Table;

    /// <summary>Finds a suite by its code.</summary>
    public static bool TryGet(ushort code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CipherSuiteInfo? suite) =>
        ByCode.TryGetValue(code, out suite);

    /// <summary>The suite for <paramref name="code"/>, or an unknown placeholder that keeps the number.</summary>
    public static CipherSuiteInfo Get(ushort code) => ByCode.TryGetValue(code, out var suite) ? suite : CipherSuiteInfo.Unknown(code);

    /// <summary>Finds a suite by its IANA or OpenSSL name (case-insensitive).</summary>
    public static bool TryGetByName(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CipherSuiteInfo? suite)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name, out suite);
    }

    /// <summary>
    /// True for the GREASE values of RFC 8701 (0x0A0A, 0x1A1A, ... 0xFAFA), which clients send to keep
    /// servers tolerant of unknown values; they are never negotiated.
    /// </summary>
    public static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 12) == ((value >> 4) & 0x0F);

    private static FrozenDictionary<string, CipherSuiteInfo> BuildNameIndex()
    {
        var names = new Dictionary<string, CipherSuiteInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var suite in Table)
        {
            names.TryAdd(suite.IanaName, suite);
            if (suite.OpenSslName is not null)
            {
                names.TryAdd(suite.OpenSslName, suite);
            }
        }

        return names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
