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
        version = new Version(0, 0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = word.Split('.');
            if (parts.Length < 2)
            {
                continue;
            }

            var numbers = new List<int>();
            foreach (var part in parts.Take(3))
            {
                var end = 0;
                while (end < part.Length && char.IsAsciiDigit(part[end]))
                {
                    end++;
                }

                if (end == 0 || end > 4)
                {
                    break;
                }

                numbers.Add(int.Parse(part.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture));
                if (end < part.Length)
                {
                    break;
                }
            }

            if (numbers.Count >= 2)
            {
                version = new Version(numbers[0], numbers[1], numbers.Count > 2 ? numbers[2] : 0);
                return true;
            }
        }

        return false;
    }
}
