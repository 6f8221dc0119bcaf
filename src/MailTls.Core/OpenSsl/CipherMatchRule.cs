namespace MailTls.Core.OpenSsl;

/// <summary>
/// The selection half of a cipher rule: per-field masks, an optional single suite, or a strength value.
/// Zero in a field means "any".
/// </summary>
/// <param name="KeyExchange">Key-exchange mask.</param>
/// <param name="Authentication">Authentication mask.</param>
/// <param name="Encryption">Encryption mask.</param>
/// <param name="Mac">MAC mask.</param>
/// <param name="Protocol">Protocol-class mask.</param>
/// <param name="Strength">Strength-class and default-list flags.</param>
/// <param name="Node">Pool node of a suite named explicitly (1.1.0+), or -1.</param>
/// <param name="StrengthBits">When 0 or more, match on strength bits only (<c>@STRENGTH</c>); -1 otherwise.</param>
internal readonly record struct CipherMatchRule(
    OpenSslKeyExchange KeyExchange = 0,
    OpenSslAuthentication Authentication = 0,
    OpenSslEncryption Encryption = 0,
    OpenSslMac Mac = 0,
    OpenSslProtocol Protocol = 0,
    OpenSslStrength Strength = 0,
    int Node = -1,
    int StrengthBits = -1)
{
    /// <summary>Matches every suite (spelled out: <c>new()</c> would bypass the primary constructor's defaults).</summary>
    public static CipherMatchRule Everything => new(Node: -1, StrengthBits: -1);

    /// <summary>Matches suites of one strength.</summary>
    /// <param name="bits">Strength bits.</param>
    /// <returns>The rule.</returns>
    public static CipherMatchRule ByStrengthBits(int bits) => new(StrengthBits: bits);
}
