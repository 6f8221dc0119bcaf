namespace MailTls.Core.OpenSsl;

/// <summary>
/// Strength class and default-list flags of a suite (<c>algo_strength</c>): what the
/// <c>LOW</c>/<c>MEDIUM</c>/<c>HIGH</c>/<c>FIPS</c>/<c>EXPORT</c>/<c>COMPLEMENTOFDEFAULT</c> aliases select.
/// </summary>
[Flags]
public enum OpenSslStrength
{
    /// <summary>No flag (aliases only).</summary>
    None = 0,
    /// <summary>No encryption (<c>SSL_STRONG_NONE</c>).</summary>
    StrongNone = 1 << 0,
    /// <summary><c>LOW</c>: 56-bit single DES.</summary>
    Low = 1 << 1,
    /// <summary><c>MEDIUM</c>: RC4, SEED, IDEA, and 3DES from 1.0.2i/1.0.1u on.</summary>
    Medium = 1 << 2,
    /// <summary><c>HIGH</c>: 128 bits and more (3DES before 1.0.2i).</summary>
    High = 1 << 3,
    /// <summary>FIPS 140-2 approved.</summary>
    Fips = 1 << 4,
    /// <summary>Excluded from <c>DEFAULT</c>: selected by <c>COMPLEMENTOFDEFAULT</c>.</summary>
    NotDefault = 1 << 5,
    /// <summary>Not an export suite (1.0.x).</summary>
    NotExport = 1 << 6,
    /// <summary>Export-grade suite (1.0.x, <c>EXPORT</c>/<c>EXP</c>).</summary>
    Export = 1 << 7,
    /// <summary>40-bit export suite (1.0.x, <c>EXP40</c>).</summary>
    Export40 = 1 << 8,
    /// <summary>56-bit export suite (1.0.x, <c>EXP56</c>).</summary>
    Export56 = 1 << 9,
}
