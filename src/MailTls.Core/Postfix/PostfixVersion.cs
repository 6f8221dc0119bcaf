using System.Globalization;

namespace MailTls.Core.Postfix;

/// <summary>
/// A Postfix release (<c>mail_version</c>), e.g. 3.7.11. Snapshot suffixes such as
/// <c>3.10-20240101</c> are read as their release numbers.
/// </summary>
/// <param name="Major">Major version.</param>
/// <param name="Minor">Minor version.</param>
/// <param name="Patch">Patch level.</param>
public readonly record struct PostfixVersion(int Major, int Minor, int Patch) : IComparable<PostfixVersion>
{
    /// <summary>The newest release whose rules mailtls knows; used when no version is known.</summary>
    public static PostfixVersion Newest { get; } = new(3, 10, 0);

    /// <summary>Parses a version string such as <c>3.7.11</c> or <c>2.6.6</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="version">The version, when it parsed.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string? text, out PostfixVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = new int[3];
        var count = 0;
        foreach (var piece in text.Trim().Split('.'))
        {
            var digits = piece.AsSpan();
            var end = 0;
            while (end < digits.Length && char.IsAsciiDigit(digits[end]))
            {
                end++;
            }

            if (end == 0 || count == 3 || !int.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out parts[count]))
            {
                return false;
            }

            count++;
            if (end < digits.Length)
            {
                // "10-20240101": the snapshot date ends the version.
                break;
            }
        }

        if (count < 2)
        {
            return false;
        }

        version = new PostfixVersion(parts[0], parts[1], parts[2]);
        return true;
    }

    /// <summary>Whether this release is at least the given one.</summary>
    /// <param name="major">Major version.</param>
    /// <param name="minor">Minor version.</param>
    /// <param name="patch">Patch level.</param>
    /// <returns>True when this release is the same or newer.</returns>
    public bool AtLeast(int major, int minor, int patch = 0) => CompareTo(new PostfixVersion(major, minor, patch)) >= 0;

    /// <summary>Whether this release is in the series <paramref name="major"/>.<paramref name="minor"/> at patch level <paramref name="patch"/> or later.</summary>
    internal bool InSeriesFrom(int major, int minor, int patch) => Major == major && Minor == minor && Patch >= patch;

    /// <inheritdoc />
    public int CompareTo(PostfixVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    /// <summary>Orders versions.</summary>
    public static bool operator <(PostfixVersion left, PostfixVersion right) => left.CompareTo(right) < 0;

    /// <summary>Orders versions.</summary>
    public static bool operator >(PostfixVersion left, PostfixVersion right) => left.CompareTo(right) > 0;

    /// <summary>Orders versions.</summary>
    public static bool operator <=(PostfixVersion left, PostfixVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Orders versions.</summary>
    public static bool operator >=(PostfixVersion left, PostfixVersion right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
