using System.Runtime.CompilerServices;


namespace MailTls.Core.Logs;

/// <summary>
/// NAME
///   LogLineParser - split a log line into syslog header and message
/// SUMMARY
///   Recognises, in this order: an optional docker-compose prefix (<c>service  | </c>), an RFC 5424
///   header, an optional RFC 3164 priority, an RFC 3339 or BSD timestamp, an optional host, and
///   the tag <c>program[pid]:</c>. Lines with no timestamp (<c>postfix/smtpd[1]: ...</c>, or
///   <c>host postfix/smtpd[1]: ...</c> as some excerpts are trimmed) are accepted.
/// DIAGNOSTICS
///   Returns <see cref="ParseStatus.Invalid"/> with a <see cref="LogLineError"/> for blank, over-long
///   and tag-less lines. Never throws; allocates nothing.
/// </summary>
internal static class LogLineParser
{
    // A docker-compose service name is short; bounding the search keeps a '|' deep inside a
    // message from being mistaken for the prefix separator.
    private const int MaxContainerNameLength = 64;

    // "YYYY-MM-DD HH:MM:SS": Exim separates date and time with a space where RFC 3339 has 'T'.
    private const int EximSeparatorOffset = 10;

    // The program name given to lines of Exim's main log, which carry none.
    private const string EximProgram = "exim";

    // RFC 5424 section 6.2.1: PRI is 1..3 digits in angle brackets.
    private const int MaxPriDigits = 3;

    /// <summary>Parses one line (without its line terminator).</summary>
    /// <param name="text">The line.</param>
    /// <param name="options">Limits and the reference date for year inference.</param>
    /// <param name="line">The header fields and message when <see cref="ParseStatus.Done"/>.</param>
    /// <param name="error">Why the line was rejected, or <see cref="LogLineError.None"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ParseStatus TryParse(ReadOnlySpan<char> text, LogParseOptions options, out LogLine line, out LogLineError error)
    {
        ArgumentNullException.ThrowIfNull(options);
        line = default;
        error = LogLineError.None;
        if (text.Length > options.MaxLineLength)
        {
            error = LogLineError.TooLong;
            return ParseStatus.Invalid;
        }

        text = text.TrimEnd("\r\n");
        if (text.IsWhiteSpace())
        {
            error = LogLineError.Empty;
            return ParseStatus.Invalid;
        }

        var container = ReadContainerPrefix(ref text);

        if (TryReadPri(text, out var afterPri))
        {
            if (afterPri.Length > 1 && afterPri[0] == '1' && afterPri[1] == ' ')
            {
                return TryParseRfc5424(afterPri[2..], container, out line, out error);
            }

            // RFC 3164 section 4.1.1 allows the PRI before a BSD header (logger, some relays).
            text = afterPri;
        }

        var format = LogPrefixFormat.None;
        LogTimestamp? timestamp = null;
        var spaceSeparated = text.Length > EximSeparatorOffset && text[EximSeparatorOffset] == ' ';
        if (LogTimestampParser.TryReadRfc3339(text, out var iso, out var used))
        {
            format = LogPrefixFormat.Rfc3339;
            timestamp = iso;
            text = text[used..].TrimStart(' ');
        }
        else if (LogTimestampParser.TryReadBsd(text, options.ReferenceDate, out var bsd, out used))
        {
            format = LogPrefixFormat.Bsd;
            timestamp = bsd;
            text = text[used..].TrimStart(' ');
        }

        // The host is optional: some excerpts and journald exports drop it. A tag never contains a
        // space before its colon, so "host prog[pid]:" and "prog[pid]:" are told apart by trying the
        // tag first.
        ReadOnlySpan<char> host = default;
        if (!TryReadTag(text, out var program, out var pid, out var message))
        {
            var space = text.IndexOf(' ');
            if (format == LogPrefixFormat.Rfc3339 && spaceSeparated)
            {
                // Exim's own main log: "YYYY-MM-DD HH:MM:SS [pid] message", no host and no tag.
                line = new LogLine(LogPrefixFormat.EximMainLog, timestamp, container, default, EximProgram, ReadEximPid(ref text), text);
                return ParseStatus.Done;
            }

            if (space <= 0 || !TryReadTag(text[(space + 1)..].TrimStart(' '), out program, out pid, out message))
            {
                error = LogLineError.NoTag;
                return ParseStatus.Invalid;
            }

            host = text[..space];
        }

        line = new LogLine(format, timestamp, container, host, program, pid, message);
        return ParseStatus.Done;
    }

    /// <summary>
    /// RFC 5424 section 6: <c>TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]</c>,
    /// each header field being <c>-</c> when absent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ParseStatus TryParseRfc5424(ReadOnlySpan<char> text, ReadOnlySpan<char> container, out LogLine line, out LogLineError error)
    {
        line = default;
        error = LogLineError.BadRfc5424Header;
        LogTimestamp? timestamp = null;
        if (text.StartsWith("- "))
        {
            text = text[2..];
        }
        else if (LogTimestampParser.TryReadRfc3339(text, out var iso, out var used) && used < text.Length && text[used] == ' ')
        {
            timestamp = iso;
            text = text[(used + 1)..];
        }
        else
        {
            return ParseStatus.Invalid;
        }

        if (!TryField(ref text, out var host) || !TryField(ref text, out var app)
            || !TryField(ref text, out var procId) || !TryField(ref text, out _))
        {
            return ParseStatus.Invalid;
        }

        if (!TrySkipStructuredData(ref text))
        {
            return ParseStatus.Invalid;
        }

        // RFC 5424 section 6.4: MSG may start with a UTF-8 byte order mark.
        text = text.TrimStart('\uFEFF');
        var pid = procId is "-" ? -1 : ParsePid(procId);
        line = new LogLine(
            LogPrefixFormat.Rfc5424,
            timestamp,
            container,
            host is "-" ? default : host,
            app is "-" ? default : app,
            pid,
            text);
        error = LogLineError.None;
        return ParseStatus.Done;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryField(scoped ref ReadOnlySpan<char> text, out ReadOnlySpan<char> field)
    {
        var space = text.IndexOf(' ');
        if (space <= 0)
        {
            field = default;
            return false;
        }

        field = text[..space];
        text = text[(space + 1)..];
        return true;
    }

    /// <summary>Skips <c>-</c> or one or more <c>[id param="value"...]</c> elements (RFC 5424 section 6.3), honouring <c>\]</c> escapes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySkipStructuredData(scoped ref ReadOnlySpan<char> text)
    {
        if (text.StartsWith('-'))
        {
            text = text.Length > 1 && text[1] == ' ' ? text[2..] : text[1..];
            return true;
        }

        if (!text.StartsWith('['))
        {
            return false;
        }

        var position = 0;
        while (position < text.Length && text[position] == '[')
        {
            var inQuotes = false;
            position++;
            while (position < text.Length && (inQuotes || text[position] != ']'))
            {
                if (text[position] == '\\')
                {
                    position++;
                }
                else if (text[position] == '"')
                {
                    inQuotes = !inQuotes;
                }

                position++;
            }

            if (position >= text.Length)
            {
                return false;
            }

            position++;
        }

        text = position < text.Length && text[position] == ' ' ? text[(position + 1)..] : text[position..];
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadPri(ReadOnlySpan<char> text, out ReadOnlySpan<char> rest)
    {
        rest = default;
        if (text.Length < 3 || text[0] != '<')
        {
            return false;
        }

        var close = text[1..Math.Min(text.Length, MaxPriDigits + 2)].IndexOf('>');
        if (close <= 0 || !IsDigits(text.Slice(1, close)))
        {
            return false;
        }

        rest = text[(close + 2)..];
        return true;
    }

    /// <summary>Strips a docker-compose prefix <c>name  | </c> and returns the name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> ReadContainerPrefix(scoped ref ReadOnlySpan<char> text)
    {
        var window = text[..Math.Min(text.Length, MaxContainerNameLength + 8)];
        var bar = window.IndexOf('|');
        if (bar <= 0)
        {
            return default;
        }

        var name = window[..bar].TrimEnd(' ');
        if (name.IsEmpty || name.Length > MaxContainerNameLength || name.Length == bar || !IsContainerName(name))
        {
            return default;
        }

        var rest = text[(bar + 1)..];
        text = rest.StartsWith(' ') ? rest[1..] : rest;
        return name;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsContainerName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The RFC 3164 TAG: <c>program[pid]: </c> or <c>program: </c>. The program is a run of
    /// non-space characters (Postfix writes <c>postfix/smtpd</c> or a custom <c>syslog_name</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadTag(ReadOnlySpan<char> text, out ReadOnlySpan<char> program, out int pid, out ReadOnlySpan<char> message)
    {
        program = default;
        message = default;
        pid = -1;
        var end = text.IndexOfAny(' ', '[', ':');
        if (end <= 0 || text[end] == ' ')
        {
            return false;
        }

        program = text[..end];
        var rest = text[end..];
        if (rest[0] == '[')
        {
            var close = rest.IndexOf(']');
            if (close < 2 || !IsDigits(rest[1..close]))
            {
                return false;
            }

            pid = ParsePid(rest[1..close]);
            rest = rest[(close + 1)..];
        }

        if (rest.IsEmpty || rest[0] != ':')
        {
            return false;
        }

        message = rest.Length > 1 && rest[1] == ' ' ? rest[2..] : rest[1..];
        return true;
    }

    /// <summary>Exim's <c>log_selector = +pid</c> puts <c>[pid] </c> after the timestamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReadEximPid(scoped ref ReadOnlySpan<char> text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close > 1 && IsDigits(text[1..close]))
            {
                var pid = ParsePid(text[1..close]);
                text = text[(close + 1)..].TrimStart(' ');
                return pid;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ParsePid(ReadOnlySpan<char> digits) =>
        int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : -1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
