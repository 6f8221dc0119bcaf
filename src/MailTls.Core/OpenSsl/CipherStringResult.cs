using System.Collections.Immutable;

namespace MailTls.Core.OpenSsl;

/// <summary>
/// What OpenSSL makes of a cipher string: accepted or not, the ordered suite list, the security level
/// in force, and per-item attribution.
/// </summary>
public sealed class CipherStringResult
{
    internal CipherStringResult(
        string cipherString,
        OpenSslBuild build,
        CipherStringStatus status,
        int? errorOffset,
        int securityLevel,
        ImmutableArray<OpenSslCipherSuite> suites,
        ImmutableArray<OpenSslCipherSuite> tls13Suites,
        ImmutableArray<CipherTermEffect> terms,
        ImmutableArray<CipherStringWarning> warnings)
    {
        CipherString = cipherString;
        Build = build;
        Status = status;
        ErrorOffset = errorOffset;
        SecurityLevel = securityLevel;
        Suites = suites;
        Tls13Suites = tls13Suites;
        Terms = terms;
        Warnings = warnings;
    }

    /// <summary>The string as given.</summary>
    public string CipherString { get; }

    /// <summary>The OpenSSL it was evaluated for.</summary>
    public OpenSslBuild Build { get; }

    /// <summary>Whether OpenSSL accepts the string.</summary>
    public CipherStringStatus Status { get; }

    /// <summary>Offset of the item that made OpenSSL reject the string, for <see cref="CipherStringStatus.InvalidCommand"/>.</summary>
    public int? ErrorOffset { get; }

    /// <summary>Security level after the string: the build's level unless <c>@SECLEVEL=n</c> changed it.</summary>
    public int SecurityLevel { get; }

    /// <summary>
    /// TLS 1.2-and-below suites in preference order, exactly as <c>SSL_get_ciphers</c> lists them after the TLS 1.3
    /// suites. Empty when the string is rejected (OpenSSL would then keep whatever list was set before).
    /// </summary>
    public ImmutableArray<OpenSslCipherSuite> Suites { get; }

    /// <summary>TLS 1.3 suites (from <c>-ciphersuites</c>, not from this string); empty before 1.1.1 or when rejected.</summary>
    public ImmutableArray<OpenSslCipherSuite> Tls13Suites { get; }

    /// <summary>Every item in processing order, the built-in <c>DEFAULT</c> expansion included, with what it did.</summary>
    public ImmutableArray<CipherTermEffect> Terms { get; }

    /// <summary>Items OpenSSL ignored silently, items without effect, and the reason for a rejection.</summary>
    public ImmutableArray<CipherStringWarning> Warnings { get; }

    /// <summary>True when OpenSSL accepts the string.</summary>
    public bool IsAccepted => Status == CipherStringStatus.Accepted;

    /// <summary>What <c>openssl ciphers STRING</c> lists: TLS 1.3 suites first, then <see cref="Suites"/>.</summary>
    /// <returns>The combined list.</returns>
    public ImmutableArray<OpenSslCipherSuite> ToOpenSslCiphersList() => Tls13Suites.AddRange(Suites);

    /// <summary>
    /// What a context with no PSK or SRP callbacks can actually use at <see cref="SecurityLevel"/>, like
    /// <c>openssl ciphers -s</c> (<c>SSL_get1_supported_ciphers</c>): TLS 1.3 suites first.
    /// </summary>
    /// <returns>The usable suites in preference order.</returns>
    public ImmutableArray<OpenSslCipherSuite> ToSupportedList()
    {
        if (!IsAccepted)
        {
            return [];
        }

        int level = Build.Era == OpenSslEra.V102 ? 0 : SecurityLevel;
        ImmutableArray<OpenSslCipherSuite>.Builder builder = ImmutableArray.CreateBuilder<OpenSslCipherSuite>();
        foreach (OpenSslCipherSuite s in Tls13Suites)
        {
            if (OpenSslSecurityLevel.AllowsCipher(s, level))
            {
                builder.Add(s);
            }
        }

        foreach (OpenSslCipherSuite s in Suites)
        {
            // A context without callbacks masks out PSK and SRP (ssl_set_client_disabled).
            bool needsCallback = (s.KeyExchange & (OpenSslKeyExchange.Psk | OpenSslKeyExchange.RsaPsk
                    | OpenSslKeyExchange.EcdhePsk | OpenSslKeyExchange.DhePsk | OpenSslKeyExchange.Srp)) != 0
                || (s.Authentication & (OpenSslAuthentication.Psk | OpenSslAuthentication.Srp)) != 0;
            if (!needsCallback && OpenSslSecurityLevel.AllowsCipher(s, level)
                && OpenSslSecurityLevel.AllowsSomeProtocolFor(s, level))
            {
                builder.Add(s);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// The items that took a suite out of the list or excluded it: the answer to "why is X not offered".
    /// </summary>
    /// <param name="suiteName">OpenSSL or IANA name of the suite.</param>
    /// <returns>Items whose <see cref="CipherTermEffect.Removed"/> or <see cref="CipherTermEffect.Excluded"/> holds the suite, in order.</returns>
    public ImmutableArray<CipherTermEffect> TermsRemoving(string suiteName)
    {
        ArgumentNullException.ThrowIfNull(suiteName);
        ImmutableArray<CipherTermEffect>.Builder builder = ImmutableArray.CreateBuilder<CipherTermEffect>();
        foreach (CipherTermEffect t in Terms)
        {
            if (Contains(t.Removed, suiteName) || Contains(t.Excluded, suiteName))
            {
                builder.Add(t);
            }
        }

        return builder.ToImmutable();

        static bool Contains(ImmutableArray<OpenSslCipherSuite> list, string name)
        {
            foreach (OpenSslCipherSuite s in list)
            {
                if (string.Equals(s.Name, name, StringComparison.Ordinal)
                    || string.Equals(s.StandardName, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
