using System.Collections.Immutable;

namespace MailTls.Core.OpenSsl;

/// <summary>
/// Evaluates an OpenSSL cipher string the way <c>SSL_CTX_set_cipher_list</c> does, for a chosen OpenSSL era and build.
/// </summary>
/// <remarks>
/// <para>
/// SUMMARY: <c>ssl_create_cipher_list</c> in <c>ssl/ssl_ciph.c</c> puts every usable suite into one list, orders it by
/// the era's built-in preferences, deactivates it, then runs the string's items over it. Each item is a word or
/// <c>+</c>-joined words with an optional prefix (none = add, <c>-</c> = remove, <c>+</c> = move to end,
/// <c>!</c> = remove for good, <c>@</c> = command); items are separated by <c>:</c>, <c>,</c>, <c>;</c> or space.
/// A leading <c>DEFAULT</c> first runs the era's built-in string.
/// </para>
/// <para>
/// DIAGNOSTICS: OpenSSL ignores unknown words silently; here each one gets a <see cref="CipherStringWarning"/>.
/// Input never throws: a string OpenSSL would reject comes back with <see cref="CipherStringStatus.InvalidCommand"/>
/// or <see cref="CipherStringStatus.NoCipherMatch"/>, the items processed so far and the offending offset.
/// </para>
/// </remarks>
public static class OpenSslCipherString
{
    /// <summary>The TLS 1.3 suites OpenSSL 1.1.1+ enables by default (<c>OSSL_default_ciphersuites()</c>).</summary>
    public const string DefaultTls13CipherSuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";

    /// <summary>Evaluates a cipher string.</summary>
    /// <param name="cipherString">The string, as it would be passed to <c>SSL_CTX_set_cipher_list</c>.</param>
    /// <param name="build">The OpenSSL to evaluate for.</param>
    /// <param name="tls13CipherSuites">The <c>-ciphersuites</c> value (1.1.1+); null for OpenSSL's default.</param>
    /// <returns>The result; never null.</returns>
    public static CipherStringResult Evaluate(string cipherString, OpenSslBuild build, string? tls13CipherSuites = null)
    {
        ArgumentNullException.ThrowIfNull(cipherString);
        ArgumentNullException.ThrowIfNull(build);
        var evaluation = new CipherStringEvaluation(cipherString, build);
        return evaluation.Run(tls13CipherSuites ?? DefaultTls13CipherSuites);
    }

    /// <summary>
    /// Parses a TLS 1.3 <c>-ciphersuites</c> value (<c>set_ciphersuites</c>): colon-separated IANA names, unknown names ignored.
    /// </summary>
    /// <param name="value">The value; empty disables TLS 1.3 suites.</param>
    /// <param name="era">The era; 1.0.x has no TLS 1.3.</param>
    /// <returns>The suites in the given order, without duplicates.</returns>
    public static ImmutableArray<OpenSslCipherSuite> ParseTls13CipherSuites(string value, OpenSslEra era)
    {
        ArgumentNullException.ThrowIfNull(value);
        OpenSslCipherSuite[] known = OpenSslEraRules.For(era).Tls13Suites;
        ImmutableArray<OpenSslCipherSuite>.Builder builder = ImmutableArray.CreateBuilder<OpenSslCipherSuite>();
        foreach (Range r in value.AsSpan().Split(':'))
        {
            ReadOnlySpan<char> name = value.AsSpan(r).Trim();
            foreach (OpenSslCipherSuite s in known)
            {
                if (name.SequenceEqual(s.Name) && !builder.Contains(s))
                {
                    builder.Add(s);
                }
            }
        }

        return builder.ToImmutable();
    }
}
