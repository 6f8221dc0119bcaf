using System.Text;

namespace MailTls.Core.Tls;

/// <summary>Turns peer bytes into text safe to display.</summary>
internal static class TlsText
{
    private const int MaxDisplayLength = 255;

    /// <summary>
    /// ASCII with every non-printable byte replaced by '?', cut at 255 characters, so that
    /// hostile names cannot inject terminal escapes (posttls-finger does the same).
    /// </summary>
    public static string ToPrintableAscii(ReadOnlySpan<byte> bytes)
    {
        var length = Math.Min(bytes.Length, MaxDisplayLength);
        var builder = new StringBuilder(length);
        foreach (var b in bytes[..length])
        {
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }

        return builder.ToString();
    }
}
