using MailTls.Core.Postfix;
using MailTls.Core.Tls;

namespace MailTls.Core.Profiles;

/// <summary>
/// Builds a ClientHello for a sender whose hello was never captured, from the facts its profile
/// publishes: the versions it offers and its cipher suites in their published order, plus groups and
/// signature algorithms when given. Whatever the facts leave open gets a stated, conservative default
/// (one that every stack of the sender's kind offers, so that a "fails" verdict is not caused by the
/// default), and each default is named in <see cref="SynthesisedHello.Assumptions"/> so a report can
/// say how sure it is. A profile without versions or without a single suite yields nothing: its
/// outcome stays unknown rather than guessed.
/// </summary>
public static class SenderHelloSynthesis
{
    /// <summary>
    /// Groups assumed when the profile names none: P-256 and P-384, the curves every ECDHE client has
    /// offered since RFC 4492 (SChannel, OpenSSL, NSS, BoringSSL). X25519 is not assumed, so a server
    /// that takes only X25519 or X448 is reported as failing rather than guessed through.
    /// </summary>
    private static readonly TlsNamedGroup[] DefaultGroups = [TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1];

    /// <summary>
    /// signature_algorithms assumed for TLS 1.2 when the profile names none: SHA-256/384 with RSA
    /// PKCS#1 and ECDSA, and the SHA-1 pairs RFC 5246 section 7.4.1.4.1 makes the default when the
    /// extension is absent; what any TLS 1.2 client sends.
    /// </summary>
    private static readonly TlsSignatureScheme[] DefaultTls12SignatureAlgorithms =
    [
        TlsSignatureScheme.RsaPkcs1Sha256, TlsSignatureScheme.RsaPkcs1Sha384,
        TlsSignatureScheme.EcdsaSecp256r1Sha256, TlsSignatureScheme.EcdsaSecp384r1Sha384,
        TlsSignatureScheme.RsaPkcs1Sha1, TlsSignatureScheme.EcdsaSha1,
    ];

    /// <summary>RSA-PSS with rsaEncryption keys, which RFC 8446 section 9.1 makes mandatory for a TLS 1.3 client.</summary>
    private static readonly TlsSignatureScheme[] Tls13MandatorySignatureAlgorithms =
    [
        TlsSignatureScheme.RsaPssRsaeSha256, TlsSignatureScheme.RsaPssRsaeSha384, TlsSignatureScheme.RsaPssRsaeSha512,
    ];

    /// <summary>Whether the profile publishes enough to synthesise its hello: versions and at least one suite, and no capture.</summary>
    /// <param name="profile">The sender.</param>
    /// <returns>True when <see cref="TryCreate"/> builds a hello.</returns>
    public static bool CanSynthesise(SenderProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.RawHello.IsDefaultOrEmpty && profile.OfferedVersions.Count > 0 && profile.CipherSuites.Count > 0;
    }

    /// <summary>The hello options for a profile without a recorded hello, or null when its facts do not suffice.</summary>
    /// <param name="profile">The sender.</param>
    /// <returns>The options, the defaults taken and the confidence; null when the profile has a capture or too few facts.</returns>
    public static SynthesisedHello? TryCreate(SenderProfile profile)
    {
        if (!CanSynthesise(profile))
        {
            return null;
        }

        var versions = profile.OfferedVersions.Select(v => v.ToTlsVersion()).ToList();
        var max = versions.Max();
        var assumptions = new List<string>();

        var groups = profile.Groups;
        if (groups.Count == 0)
        {
            groups = DefaultGroups;
            assumptions.Add($"groups not published, assumed {string.Join(", ", DefaultGroups.Select(g => g.ToString().ToLowerInvariant()))}");
        }

        var signatureAlgorithms = profile.SignatureAlgorithms;
        if (signatureAlgorithms.Count == 0 && max >= TlsProtocolVersion.Tls12)
        {
            signatureAlgorithms = max >= TlsProtocolVersion.Tls13
                ? [.. Tls13MandatorySignatureAlgorithms, .. DefaultTls12SignatureAlgorithms]
                : DefaultTls12SignatureAlgorithms;
            assumptions.Add("signature algorithms not published, assumed RSA PKCS#1 and ECDSA with SHA-256/384 and SHA-1"
                + (max >= TlsProtocolVersion.Tls13 ? ", and RSA-PSS (mandatory in TLS 1.3)" : string.Empty));
        }

        // A hello carries only the suites known; a list taken from logs is part of the real offer,
        // while one evaluated from a default cipher string is as complete as the cipher tables are.
        if (profile.SuitesDerivation is { } derivation)
        {
            assumptions.Add($"suites evaluated from {derivation} with mailtls's OpenSSL cipher tables");
        }
        else if (!profile.SuitesComplete)
        {
            assumptions.Add($"only the {profile.CipherSuites.Count} published suite{(profile.CipherSuites.Count == 1 ? string.Empty : "s")} offered; the real hello may offer more");
        }

        assumptions.Add("no SNI, no session ticket, renegotiation signalled by SCSV");
        var options = new ClientHelloOptions
        {
            MaxVersion = max,
            MinVersion = versions.Min(),
            CipherSuites = profile.CipherSuites,
            SupportedGroups = groups,
            KeyShareGroups = [groups[0]],
            SignatureAlgorithms = signatureAlgorithms,
            ServerName = null,
            Renegotiation = RenegotiationSignal.Scsv,
            SessionTicket = false,
            EncryptThenMac = false,
            ExtendedMasterSecret = false,
        };
        return new SynthesisedHello(options, assumptions, ShortConfidence(profile.Confidence));
    }

    /// <summary>"low-medium (TLS 1.2 only ...)" becomes "low-medium": the grade without its reasons.</summary>
    private static string ShortConfidence(string confidence)
    {
        var cut = confidence.IndexOf(" (", StringComparison.Ordinal);
        return cut > 0 ? confidence[..cut] : confidence;
    }
}
