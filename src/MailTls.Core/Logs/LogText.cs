using System.Runtime.CompilerServices;

namespace MailTls.Core.Logs;

/// <summary>Makes log text safe to display and store.</summary>
internal static class LogText
{
    /// <summary>The longest text kept as evidence; longer lines are cut with an ellipsis.</summary>
    public const int MaxEvidenceLength = 1024;

    /// <summary>
    /// Copies <paramref name="text"/>, replacing control characters with <c>?</c> (as posttls-finger
    /// does) so that evidence never carries terminal escapes, and cutting it at <see cref="MaxEvidenceLength"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Printable(ReadOnlySpan<char> text)
    {
        var cut = text.Length > MaxEvidenceLength;
        var kept = cut ? text[..MaxEvidenceLength] : text;
        if (!cut && !kept.ContainsAnyInRange('\0', '\u001f') && !kept.ContainsAnyInRange('\u007f', '\u009f'))
        {
            // The common case, one copy: nothing to replace.
            return kept.ToString();
        }

        return string.Create(kept.Length + (cut ? 1 : 0), (kept.ToString(), cut), static (destination, state) =>
        {
            var (source, wasCut) = state;
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = char.IsControl(source[i]) ? '?' : source[i];
            }

            if (wasCut)
            {
                destination[^1] = '…';
            }
        });
    }
}
