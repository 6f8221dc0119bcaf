using System.Globalization;

namespace MailTls.Core.Dns;

/// <summary>
/// The RFC 7218 section 2 mnemonics for TLSA fields, both ways. Unknown values print as their
/// number, so nothing a zone contains is hidden.
/// </summary>
internal static class TlsaNames
{
    private static readonly string[] UsageNames = ["PKIX-TA", "PKIX-EE", "DANE-TA", "DANE-EE"];
    private static readonly string[] SelectorNames = ["Cert", "SPKI"];
    private static readonly string[] MatchingTypeNames = ["Full", "SHA2-256", "SHA2-512"];
    private static readonly string[] FieldNames = ["certificate usage", "selector", "matching type"];

    public static string Usage(TlsaCertificateUsage usage) => Format(UsageNames, (byte)usage);

    public static string Selector(TlsaSelector selector) => Format(SelectorNames, (byte)selector);

    public static string MatchingType(TlsaMatchingType matchingType) => Format(MatchingTypeNames, (byte)matchingType);

    public static string FieldName(int field) => FieldNames[field];

    /// <summary>Reads field number <paramref name="field"/> (0 usage, 1 selector, 2 matching type) as a number or mnemonic.</summary>
    public static bool TryParseField(int field, ReadOnlySpan<char> token, out byte value)
    {
        if (byte.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var names = field switch
        {
            0 => UsageNames,
            1 => SelectorNames,
            2 => MatchingTypeNames,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        for (var i = 0; i < names.Length; i++)
        {
            if (token.Equals(names[i], StringComparison.OrdinalIgnoreCase))
            {
                value = (byte)i;
                return true;
            }
        }

        value = 0;
        return false;
    }

    private static string Format(string[] names, byte value) =>
        value < names.Length
            ? string.Create(CultureInfo.InvariantCulture, $"{names[value]}({value})")
            : value.ToString(CultureInfo.InvariantCulture);
}
