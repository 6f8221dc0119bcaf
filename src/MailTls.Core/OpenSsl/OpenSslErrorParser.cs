using System.Globalization;
using System.Runtime.CompilerServices;

namespace MailTls.Core.OpenSsl;

/// <summary>Finds and splits an OpenSSL error string inside a log message. Never throws.</summary>
internal static class OpenSslErrorParser
{
    private const string Marker = "error:";
    private const int CodeDigits = 8;

    /// <summary>Finds the first <c>error:XXXXXXXX:</c> in <paramref name="text"/> and splits the fields after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ParseStatus TryFind(ReadOnlySpan<char> text, out OpenSslError error)
    {
        error = default;
        var searchFrom = 0;
        while (searchFrom < text.Length)
        {
            var at = text[searchFrom..].IndexOf(Marker, StringComparison.Ordinal);
            if (at < 0)
            {
                return ParseStatus.Invalid;
            }

            var start = searchFrom + at + Marker.Length;
            var rest = text[start..];
            if (rest.Length > CodeDigits && rest[CodeDigits] == ':'
                && uint.TryParse(rest[..CodeDigits], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                rest = rest[(CodeDigits + 1)..];
                var library = NextField(ref rest);
                var function = NextField(ref rest);
                var reason = NextField(ref rest);

                // Dovecot and Exim continue the message after the reason (", session=<...>",
                // " (no auth attempts ...)"); OpenSSL reasons of interest never contain either.
                var end = reason.IndexOfAny(',', '(');
                if (end > 0)
                {
                    reason = reason[..end].TrimEnd();
                }

                error = new OpenSslError(code, library, function, reason);
                return ParseStatus.Done;
            }

            searchFrom = start;
        }

        return ParseStatus.Invalid;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> NextField(scoped ref ReadOnlySpan<char> rest)
    {
        var colon = rest.IndexOf(':');
        ReadOnlySpan<char> field;
        if (colon < 0)
        {
            field = rest;
            rest = default;
        }
        else
        {
            field = rest[..colon];
            rest = rest[(colon + 1)..];
        }

        return field.Trim();
    }
}
