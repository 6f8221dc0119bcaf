namespace MailTls.Core.OpenSsl;

/// <summary>
/// The OpenSSL a cipher string is evaluated for: its era plus the build and run-time choices that
/// change which suites exist. Presets describe the builds mailtls meets most often.
/// </summary>
/// <param name="Era">Cipher tables and rule set.</param>
/// <param name="SecurityLevel">
/// Security level before any <c>@SECLEVEL=n</c> in the string: 1 upstream (1.1.0+), 2 on Debian/Ubuntu builds
/// (compiled with <c>-DOPENSSL_TLS_SECURITY_LEVEL=2</c>) and where <c>openssl.cnf</c> sets <c>CipherString = DEFAULT@SECLEVEL=2</c>.
/// Ignored for <see cref="OpenSslEra.V102"/>, which has no security levels.
/// </param>
/// <param name="WeakCiphers">Built with <c>enable-weak-ssl-ciphers</c> (export/DES in 1.0.2g+, RC4/3DES in 1.1.0+).</param>
/// <param name="LegacyProvider">OpenSSL 3: the legacy provider is loaded, which makes IDEA and SEED suites available.</param>
/// <param name="Idea">IDEA is compiled in; Debian, Ubuntu and RHEL build with <c>no-idea</c>.</param>
/// <param name="Srp">SRP is compiled in; RHEL builds with <c>no-srp</c>.</param>
/// <param name="StaticDh">
/// 1.0.x: the fixed-DH suites (<c>DH-RSA-*</c>, <c>DH-DSS-*</c>) exist; they were added in 1.0.2, so false for 1.0.1.
/// </param>
/// <param name="TripleDesHigh">1.0.x: 3DES is in <c>HIGH</c>, as before the SWEET32 change of 1.0.1u/1.0.2i (MEDIUM after).</param>
/// <param name="TripleDesStrengthBits">
/// 1.0.x: strength bits of 3DES, which decide where <c>@STRENGTH</c> puts it: 168 in upstream 1.0.1, 128 in RHEL/CentOS 6
/// (1.0.1e-21 and later), 112 in 1.0.2; null keeps the table's 112.
/// </param>
public sealed record OpenSslBuild(
    OpenSslEra Era,
    int SecurityLevel = 1,
    bool WeakCiphers = false,
    bool LegacyProvider = false,
    bool Idea = true,
    bool Srp = true,
    bool StaticDh = true,
    bool TripleDesHigh = false,
    int? TripleDesStrengthBits = null)
{
    /// <summary>Upstream OpenSSL 1.0.2 (1.0.2g or later: no export or single-DES suites).</summary>
    public static OpenSslBuild OpenSsl102 { get; } = new(OpenSslEra.V102, SecurityLevel: 0);

    /// <summary>
    /// Upstream OpenSSL 1.0.1 before 1.0.1s (and 1.0.2 before 1.0.2g differs only in having fixed-DH suites): export and
    /// single-DES suites compiled in, 3DES in HIGH with 168 strength bits, no fixed-DH suites. The 1.0.2 table stands in.
    /// </summary>
    public static OpenSslBuild OpenSsl101 { get; } = new(
        OpenSslEra.V102, SecurityLevel: 0, WeakCiphers: true, StaticDh: false, TripleDesHigh: true, TripleDesStrengthBits: 168);

    /// <summary>
    /// RHEL/CentOS 6 <c>openssl-1.0.1e-58</c> (the last update, 2019), from its spec file: no IDEA, no SRP, Kerberos and SSLv2
    /// left out here, export/weak suites removed (1.0.1e-52), 3DES strength 128 bits (1.0.1e-21); 3DES is assumed to have
    /// stayed in HIGH, as the spec records no SWEET32 reclassification.
    /// </summary>
    public static OpenSslBuild CentOs6 { get; } = new(
        OpenSslEra.V102, SecurityLevel: 0, Idea: false, Srp: false, StaticDh: false, TripleDesHigh: true, TripleDesStrengthBits: 128);

    /// <summary>Upstream OpenSSL 1.1.1 (security level 1).</summary>
    public static OpenSslBuild OpenSsl111 { get; } = new(OpenSslEra.V111);

    /// <summary>Upstream OpenSSL 3.x (security level 1, default provider only).</summary>
    public static OpenSslBuild OpenSsl30 { get; } = new(OpenSslEra.V30);

    /// <summary>Debian 12 / Ubuntu 22.04+ OpenSSL 3.0 (security level 2, default provider only).</summary>
    public static OpenSslBuild Debian12 { get; } = new(OpenSslEra.V30, SecurityLevel: 2, Idea: false);

    /// <summary>
    /// Maps a version string such as <c>1.0.1e</c>, <c>OpenSSL 1.1.1w  11 Sep 2023</c> or <c>3.0.15</c> to the
    /// upstream preset of its era. 1.0.1 and 1.0.2 before 1.0.2g keep the weak suites compiled in; a bare
    /// <c>1.0.2</c>, <c>1.1.1</c> or <c>3.0</c> names the era's last release.
    /// </summary>
    /// <param name="version">Version text; a leading <c>OpenSSL</c> word is allowed.</param>
    /// <param name="build">The preset, or <see langword="null"/> when the text is not an OpenSSL version.</param>
    /// <returns>Whether the version was recognised.</returns>
    public static bool TryParseVersion(string? version, out OpenSslBuild? build)
    {
        build = null;
        if (string.IsNullOrWhiteSpace(version))
        {
            return false;
        }

        ReadOnlySpan<char> text = version.AsSpan().Trim();
        if (text.StartsWith("OpenSSL", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..].TrimStart();
        }

        if (!OpenSslVersionText.TryRead(text, out var number, out var consumed))
        {
            return false;
        }

        // The letter after 1.0.2 is the patch release: g (March 2016) dropped export and DES from default builds.
        // A bare "1.0.2" (the era, as --openssl takes it) means the last 1.0.2 release.
        char letter = consumed < text.Length && char.IsAsciiLetterLower(text[consumed]) ? text[consumed] : 'z';
        build = (number.Major, number.Minor, number.Build) switch
        {
            (0, _, _) or (1, 0, 0) => OpenSsl101,

            // 1.0.1s (March 2016) compiled the weak suites out; 1.0.1u (September 2016) moved 3DES to MEDIUM.
            (1, 0, 1) => OpenSsl101 with { WeakCiphers = letter < 's', TripleDesHigh = letter < 'u' },

            // 1.0.2g dropped the weak suites, 1.0.2i moved 3DES to MEDIUM.
            (1, 0, _) => OpenSsl102 with { WeakCiphers = letter < 'g', TripleDesHigh = letter < 'i' },
            (1, _, _) => OpenSsl111,
            _ => OpenSsl30,
        };
        return true;
    }
}
