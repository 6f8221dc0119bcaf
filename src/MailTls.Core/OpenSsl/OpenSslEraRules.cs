using System.Collections.Frozen;

namespace MailTls.Core.OpenSsl;

/// <summary>
/// What differs between OpenSSL eras when a cipher string is evaluated: tables, the built-in
/// <c>DEFAULT</c> string, which algorithms a default build cannot use, and a few rule-parser details
/// (<c>ssl/ssl_ciph.c</c> of each era).
/// </summary>
internal sealed class OpenSslEraRules
{
    private OpenSslEraRules(
        OpenSslEra era,
        OpenSslCipherSuite[] suites,
        OpenSslCipherAlias[] aliases,
        OpenSslCipherSuite[] tls13Suites,
        string defaultCipherList)
    {
        Era = era;
        if (era != OpenSslEra.V102)
        {
            // 1.1.0+ sorts ssl3_ciphers[] by id when the library loads (ssl_sort_cipher_list, for bsearch), and that
            // sorted array is what ssl_create_cipher_list walks. 1.0.2 lists its table in id order in the source.
            suites = (OpenSslCipherSuite[])suites.Clone();
            Array.Sort(suites, static (a, b) => a.Code.CompareTo(b.Code));
        }

        Suites = suites;
        Aliases = aliases;
        Tls13Suites = tls13Suites;
        DefaultCipherList = defaultCipherList;
        var byName = new Dictionary<string, int>(suites.Length, StringComparer.Ordinal);
        for (int i = 0; i < suites.Length; i++)
        {
            byName.TryAdd(suites[i].Name, i);
        }

        SuiteIndexByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        var aliasByName = new Dictionary<string, int>(aliases.Length, StringComparer.Ordinal);
        for (int i = 0; i < aliases.Length; i++)
        {
            // cipher_aliases[] is searched front to back, so the first spelling wins.
            aliasByName.TryAdd(aliases[i].Name, i);
        }

        AliasIndexByName = aliasByName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>OpenSSL 1.0.2: <c>SSL_DEFAULT_CIPHER_LIST</c> in <c>ssl/ssl.h</c> of 1.0.2s.</summary>
    public static OpenSslEraRules V102 { get; } = new(
        OpenSslEra.V102, OpenSslCipherTables.V102Suites, OpenSslCipherTables.V102Aliases, [],
        "ALL:!EXPORT:!LOW:!aNULL:!eNULL:!SSLv2");

    /// <summary>OpenSSL 1.1.1: <c>SSL_DEFAULT_CIPHER_LIST</c> in <c>include/openssl/ssl.h</c> of 1.1.1w.</summary>
    public static OpenSslEraRules V111 { get; } = new(
        OpenSslEra.V111, OpenSslCipherTables.V111Suites, OpenSslCipherTables.V111Aliases, OpenSslCipherTables.V30Tls13Suites,
        "ALL:!COMPLEMENTOFDEFAULT:!eNULL");

    /// <summary>OpenSSL 3.0: <c>OSSL_default_cipher_list()</c> in <c>ssl/ssl_ciph.c</c> of 3.0.8.</summary>
    public static OpenSslEraRules V30 { get; } = new(
        OpenSslEra.V30, OpenSslCipherTables.V30Suites, OpenSslCipherTables.V30Aliases, OpenSslCipherTables.V30Tls13Suites,
        "ALL:!COMPLEMENTOFDEFAULT:!eNULL");

    /// <summary>The era.</summary>
    public OpenSslEra Era { get; }

    /// <summary><c>ssl3_ciphers[]</c> in the order the library holds it at run time (by id).</summary>
    public OpenSslCipherSuite[] Suites { get; }

    /// <summary><c>cipher_aliases[]</c> in source order.</summary>
    public OpenSslCipherAlias[] Aliases { get; }

    /// <summary><c>tls13_ciphers[]</c>; empty before 1.1.1.</summary>
    public OpenSslCipherSuite[] Tls13Suites { get; }

    /// <summary>The string a leading <c>DEFAULT</c> expands to.</summary>
    public string DefaultCipherList { get; }

    /// <summary>Table index of each suite name.</summary>
    public FrozenDictionary<string, int> SuiteIndexByName { get; }

    /// <summary>Alias index of each alias name (first occurrence).</summary>
    public FrozenDictionary<string, int> AliasIndexByName { get; }

    /// <summary><c>@SECLEVEL=n</c> exists from 1.1.0; 1.0.x rejects the whole list.</summary>
    public bool HasSecurityLevels => Era != OpenSslEra.V102;

    /// <summary>
    /// From 1.1.0 a suite name selects that suite by id. In 1.0.x the id test is compiled only with
    /// <c>OPENSSL_SSL_DEBUG_BROKEN_PROTOCOL</c>, so a name selects every suite with the same algorithm masks.
    /// </summary>
    public bool NameSelectsById => Era != OpenSslEra.V102;

    /// <summary>1.1.1+ fail when no TLS 1.2-or-below suite is left; 1.0.x only when the list is empty (same thing there).</summary>
    public bool HasTls13 => Era != OpenSslEra.V102;

    /// <summary>Flags that <c>SSL_STRONG_MASK</c> covers in this era.</summary>
    public OpenSslStrength StrongMask => Era == OpenSslEra.V102
        ? OpenSslStrength.StrongNone | OpenSslStrength.Export40 | OpenSslStrength.Export56 | OpenSslStrength.Low
            | OpenSslStrength.Medium | OpenSslStrength.High | OpenSslStrength.Fips
        : OpenSslStrength.StrongNone | OpenSslStrength.Low | OpenSslStrength.Medium | OpenSslStrength.High | OpenSslStrength.Fips;

    /// <summary>Flags that <c>SSL_EXP_MASK</c> covers (1.0.x only).</summary>
    public OpenSslStrength ExportMask => Era == OpenSslEra.V102
        ? OpenSslStrength.NotExport | OpenSslStrength.Export
        : OpenSslStrength.None;

    /// <summary>Rules of the given era.</summary>
    /// <param name="era">The era.</param>
    /// <returns>Its rules.</returns>
    public static OpenSslEraRules For(OpenSslEra era) => era switch
    {
        OpenSslEra.V102 => V102,
        OpenSslEra.V111 => V111,
        OpenSslEra.V30 => V30,
        _ => throw new ArgumentOutOfRangeException(nameof(era), era, "Unknown OpenSSL era."),
    };

    /// <summary>
    /// Algorithms the library cannot use at run time, as <c>ssl_load_ciphers</c> (1.1.1/3.0) or
    /// <c>ssl_cipher_get_disabled</c> (1.0.2) compute them for a default build: GOST needs an engine
    /// that is not loaded, and OpenSSL 3 finds IDEA, SEED, RC2, RC4 and DES only in the legacy provider.
    /// </summary>
    /// <param name="build">The build.</param>
    /// <returns>The disabled masks.</returns>
    public static DisabledAlgorithms DisabledFor(OpenSslBuild build)
    {
        var kx = OpenSslKeyExchange.Gost | OpenSslKeyExchange.Gost18 | OpenSslKeyExchange.Krb5;
        var au = OpenSslAuthentication.Gost01 | OpenSslAuthentication.Gost12 | OpenSslAuthentication.Gost94
            | OpenSslAuthentication.Krb5;
        var enc = OpenSslEncryption.Gost89 | OpenSslEncryption.Gost89Cnt12 | OpenSslEncryption.Magma
            | OpenSslEncryption.Kuznyechik;
        var mac = OpenSslMac.Gost94 | OpenSslMac.Gost89Mac | OpenSslMac.Gost89Mac12 | OpenSslMac.Gost12With256
            | OpenSslMac.Gost12With512 | OpenSslMac.MagmaOmac | OpenSslMac.KuznyechikOmac;
        if (build.Era == OpenSslEra.V30 && !build.LegacyProvider)
        {
            enc |= OpenSslEncryption.Idea | OpenSslEncryption.Seed | OpenSslEncryption.Rc2 | OpenSslEncryption.Rc4
                | OpenSslEncryption.Des;
        }

        if (!build.Idea)
        {
            enc |= OpenSslEncryption.Idea;
        }

        if (!build.Srp)
        {
            // OPENSSL_NO_SRP: the SRP rows are not compiled and the SRP aliases match nothing.
            kx |= OpenSslKeyExchange.Srp;
            au |= OpenSslAuthentication.Srp;
        }

        return new DisabledAlgorithms(kx, au, enc, mac);
    }

    /// <summary>Per-field masks of algorithms that are not available.</summary>
    /// <param name="KeyExchange">Disabled key exchanges.</param>
    /// <param name="Authentication">Disabled authentications.</param>
    /// <param name="Encryption">Disabled ciphers.</param>
    /// <param name="Mac">Disabled MACs.</param>
    internal readonly record struct DisabledAlgorithms(
        OpenSslKeyExchange KeyExchange,
        OpenSslAuthentication Authentication,
        OpenSslEncryption Encryption,
        OpenSslMac Mac);
}
