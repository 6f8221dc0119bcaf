using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace MailTls.Core.Logs;

/// <summary>
/// Turns one line of <c>journalctl -o json</c> into the RFC 3339 syslog line the log parser reads:
/// <c>__REALTIME_TIMESTAMP</c> (microseconds since the epoch), <c>_HOSTNAME</c>,
/// <c>SYSLOG_IDENTIFIER</c> (Postfix's <c>postfix/smtpd</c>), <c>_PID</c> and <c>MESSAGE</c>.
/// A MESSAGE journald stored as a byte array (non-UTF-8 text) is decoded with replacement characters.
/// </summary>
public static class JournalJsonLine
{
    /// <summary>The longest line parsed as JSON; longer ones are refused rather than buffered.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Converts a journald JSON export line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="syslogLine">The equivalent syslog line, when the line is a journal entry with a message.</param>
    /// <returns>Whether the line was a usable journal entry.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryConvert(ReadOnlySpan<char> line, out string syslogLine)
    {
        syslogLine = string.Empty;
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || trimmed[0] != '{' || trimmed.Length > MaxLength)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed.ToString(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Message(root) is not { } message)
            {
                return false;
            }

            var time = root.TryGetProperty("__REALTIME_TIMESTAMP", out var t) && t.ValueKind == JsonValueKind.String
                && long.TryParse(t.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
                && micros is >= 0 and < 253402300800000000L
                ? DateTimeOffset.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture)
                : null;
            var host = Text(root, "_HOSTNAME") ?? "localhost";
            var identifier = Text(root, "SYSLOG_IDENTIFIER") ?? Text(root, "_COMM") ?? "unknown";
            var pid = Text(root, "SYSLOG_PID") ?? Text(root, "_PID");
            var tag = pid is null ? identifier : $"{identifier}[{pid}]";
            syslogLine = time is null ? $"{tag}: {message}" : $"{time} {host} {tag}: {message}";
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Message(JsonElement root)
    {
        if (!root.TryGetProperty("MESSAGE", out var message))
        {
            return null;
        }

        if (message.ValueKind == JsonValueKind.String)
        {
            return message.GetString();
        }

        if (message.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        // journald exports a message that is not valid UTF-8 as an array of byte values.
        var bytes = new List<byte>();
        foreach (var item in message.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetByte(out var b))
            {
                return null;
            }

            bytes.Add(b);
        }

        return new System.Text.UTF8Encoding(false, false).GetString([.. bytes]);
    }
}
