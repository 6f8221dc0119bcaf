using System.Globalization;

namespace MailTls.Core.OpenSsl;

/// <summary>
/// Reads an OpenSSL release from the ways people write it: <c>OpenSSL 3.0.15 19 Sep 2024</c>
/// (<c>openssl version</c>), <c>1.0.1e</c>, <c>1.0.2k-fips</c>, <c>3.0</c>. Letter suffixes are
/// patch levels of the same release line and do not change the rules mailtls applies.
/// </summary>
public static class OpenSslVersionText
{
    /// <summary>Parses the first dotted number in the text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="version">Major.minor.patch, when found.</param>
    /// <returns>Whether a version was found.</returns>
    public static bool TryParse(string? text, out Version version)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (TryRead(word, out version, out _))
                {
                    return true;
                }
            }
        }

        version = new Version(0, 0);
        return false;
    }

    /// <summary>
    /// Reads <c>major.minor[.patch]</c> at the start of <paramref name="text"/>, each number 1 to 4
    /// digits. What follows the last number (the <c>k</c> of <c>1.0.2k</c>, <c>-fips</c>) is left
    /// for the caller.
    /// </summary>
    /// <param name="text">Text starting with the version.</param>
    /// <param name="version">Major.minor.patch (patch 0 when absent), when found.</param>
    /// <param name="consumed">How many characters the numbers and the dots between them take.</param>
    /// <returns>Whether at least major and minor were read.</returns>
    internal static bool TryRead(ReadOnlySpan<char> text, out Version version, out int consumed)
    {
        const int MaxDigits = 4;
        Span<int> numbers = stackalloc int[3];
        var count = 0;
        var position = 0;
        consumed = 0;
        while (count < numbers.Length)
        {
            var digits = text[position..].IndexOfAnyExceptInRange('0', '9');
            digits = digits < 0 ? text.Length - position : digits;
            if (digits is 0 or > MaxDigits)
            {
                break;
            }

            numbers[count++] = int.Parse(text.Slice(position, digits), NumberStyles.None, CultureInfo.InvariantCulture);
            consumed = position + digits;
            if (consumed >= text.Length || text[consumed] != '.')
            {
                break;
            }

            position = consumed + 1;
        }

        version = count >= 2 ? new Version(numbers[0], numbers[1], count > 2 ? numbers[2] : 0) : new Version(0, 0);
        consumed = count >= 2 ? consumed : 0;
        return count >= 2;
    }
}
