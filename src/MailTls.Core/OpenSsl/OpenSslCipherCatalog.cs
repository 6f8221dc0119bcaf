using System.Collections.Frozen;
using System.Collections.Immutable;

namespace MailTls.Core.OpenSsl;

/// <summary>
/// Read access to the cipher tables of each era, for mapping a peer's ClientHello code points to OpenSSL names and back.
/// </summary>
public static class OpenSslCipherCatalog
{
    private static readonly FrozenDictionary<OpenSslEra, Index> Indexes = new Dictionary<OpenSslEra, Index>
    {
        [OpenSslEra.V102] = new(OpenSslEraRules.V102),
        [OpenSslEra.V111] = new(OpenSslEraRules.V111),
        [OpenSslEra.V30] = new(OpenSslEraRules.V30),
    }.ToFrozenDictionary();

    /// <summary>Every TLS 1.2-and-below suite compiled into the era's source, weak-build-only ones included, by code.</summary>
    /// <param name="era">The era.</param>
    /// <returns>The suites, ordered by IANA code.</returns>
    public static ImmutableArray<OpenSslCipherSuite> GetSuites(OpenSslEra era) => Get(era).Suites;

    /// <summary>The TLS 1.3 suites the era knows; empty for 1.0.x.</summary>
    /// <param name="era">The era.</param>
    /// <returns>The suites.</returns>
    public static ImmutableArray<OpenSslCipherSuite> GetTls13Suites(OpenSslEra era) => Get(era).Tls13;

    /// <summary>Finds a suite by IANA code point, TLS 1.3 suites included.</summary>
    /// <param name="era">The era.</param>
    /// <param name="code">The two-byte code from a ClientHello or ServerHello.</param>
    /// <param name="suite">The suite, or null when the era does not know the code.</param>
    /// <returns>Whether it was found.</returns>
    public static bool TryFindByCode(OpenSslEra era, ushort code, out OpenSslCipherSuite? suite) =>
        Get(era).ByCode.TryGetValue(code, out suite);

    /// <summary>Finds a suite by OpenSSL name or IANA name (case-sensitive, as OpenSSL compares).</summary>
    /// <param name="era">The era.</param>
    /// <param name="name">OpenSSL (<c>AES128-SHA</c>) or IANA (<c>TLS_RSA_WITH_AES_128_CBC_SHA</c>) name.</param>
    /// <param name="suite">The suite, or null when unknown.</param>
    /// <returns>Whether it was found.</returns>
    public static bool TryFindByName(OpenSslEra era, string name, out OpenSslCipherSuite? suite)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Get(era).ByName.TryGetValue(name, out suite);
    }

    private static Index Get(OpenSslEra era) =>
        Indexes.TryGetValue(era, out Index? index)
            ? index
            : throw new ArgumentOutOfRangeException(nameof(era), era, "Unknown OpenSSL era.");

    private sealed class Index
    {
        public Index(OpenSslEraRules rules)
        {
            Suites = [.. rules.Suites.OrderBy(s => s.Code)];
            Tls13 = [.. rules.Tls13Suites];
            var byCode = new Dictionary<ushort, OpenSslCipherSuite>();
            var byName = new Dictionary<string, OpenSslCipherSuite>(StringComparer.Ordinal);
            foreach (OpenSslCipherSuite s in Tls13.Concat(Suites))
            {
                byCode.TryAdd(s.Code, s);
                byName.TryAdd(s.Name, s);
                if (s.StandardName is not null)
                {
                    byName.TryAdd(s.StandardName, s);
                }
            }

            ByCode = byCode.ToFrozenDictionary();
            ByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        }

        public ImmutableArray<OpenSslCipherSuite> Suites { get; }

        public ImmutableArray<OpenSslCipherSuite> Tls13 { get; }

        public FrozenDictionary<ushort, OpenSslCipherSuite> ByCode { get; }

        public FrozenDictionary<string, OpenSslCipherSuite> ByName { get; }
    }
}
