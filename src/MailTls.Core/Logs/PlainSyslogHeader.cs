using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MailTls.Core.Logs;

/// <summary>
/// NAME
///   PlainSyslogHeader - read the commonest syslog header straight from the bytes
/// SUMMARY
///   Nearly every line of a mail log has the header <c>Mmm dd hh:mm:ss HOST TAG[PID]: </c> or
///   <c>RFC3339 HOST TAG[PID]: </c>. Reading that shape from the raw bytes lets the block parser
///   drop the lines of programs that never log TLS (cleanup, qmgr, local: about half of a busy log)
///   before decoding them, and skip the general header parser for the others. The timestamp goes
///   through the same readers <see cref="LogLineParser"/> uses (once per distinct timestamp), and
///   anything unusual (a PRI, a container prefix, two spaces, a host with a colon or bracket, a
///   byte above ASCII before the message) is refused here and takes the general path, so the result
///   is always what <see cref="LogLineParser.TryParse"/> gives.
/// DIAGNOSTICS
///   None: a refused line is simply not read here.
/// </summary>
internal sealed class PlainSyslogHeader(DateTime referenceDate)
{
    /// <summary>Longer headers than this are not the plain shapes above.</summary>
    public const int MaxHeaderLength = 160;
    private const int BsdLength = 15;
    private const int MinRfc3339Length = 19;

    // The last timestamp the readers accepted, as bytes and parsed: lines of one second share it.
    private readonly byte[] _lastText = new byte[MaxHeaderLength];
    private int _lastLength;
    private LogTimestamp _last;
    private LogPrefixFormat _lastFormat;

    /// <summary>Reads the header when the line has one of the plain shapes.</summary>
    /// <param name="line">The line's bytes without its terminator.</param>
    /// <param name="header">Where the parts are, as offsets that hold for the decoded line too (the header is ASCII).</param>
    /// <returns>True when the line has a plain header.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(ReadOnlySpan<byte> line, out Header header)
    {
        // One forward pass over the header's bytes: a line of a program that never logs TLS is dropped
        // right after this, so the header is most of what such a line costs, and half a dozen short
        // vectorised searches cost more than the forty bytes they cover.
        header = default;
        var head = line[..Math.Min(line.Length, MaxHeaderLength)];

        // "Nov  1 00:00:01" has spaces inside; an RFC 3339 timestamp ends at the first one.
        var timestampEnd = head.Length > 3 && head[3] == (byte)' ' ? BsdLength : head.IndexOf((byte)' ');
        if (timestampEnd < BsdLength || timestampEnd >= head.Length || head[timestampEnd] != (byte)' ')
        {
            return false;
        }

        var hostStart = timestampEnd + 1;
        var hostEnd = NameEnd(head, hostStart);
        if (hostEnd <= hostStart || hostEnd >= head.Length || head[hostEnd] != (byte)' ')
        {
            return false;
        }

        var programStart = hostEnd + 1;
        var programEnd = NameEnd(head, programStart);
        if (programEnd <= programStart || programEnd >= head.Length || head[programEnd] != (byte)'[')
        {
            return false;
        }

        var pidStart = programEnd + 1;
        var close = pidStart;
        while (close < head.Length && (uint)(head[close] - '0') <= 9)
        {
            close++;
        }

        if (close == pidStart || close + 1 >= head.Length || head[close] != (byte)']' || head[close + 1] != (byte)':'
            || !TryTimestamp(head[..timestampEnd], out var timestamp, out var format))
        {
            return false;
        }

        var messageStart = close + 2 < line.Length && line[close + 2] == (byte)' ' ? close + 3 : close + 2;
        var pid = Pid(head[pidStart..close]);
        header = new Header(format, timestamp, hostStart, hostEnd - hostStart, programStart, programEnd - programStart, pid, messageStart);
        return true;
    }

    /// <summary>
    /// Where a host or tag that starts at <paramref name="start"/> ends: at a space, bracket or colon
    /// (the caller says which may follow), or at the first byte that is not printable ASCII, which no
    /// plain header has (the general parser reads such lines).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NameEnd(ReadOnlySpan<byte> head, int start)
    {
        var i = start;
        while (i < head.Length)
        {
            var b = head[i];
            if (b is (byte)' ' or (byte)'[' or (byte)':' || b < (byte)' ' || b > (byte)'~')
            {
                return i;
            }

            i++;
        }

        return i;
    }

    // Digits only (checked by the caller); int.TryParse costs more than the rest of the header.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Pid(ReadOnlySpan<byte> digits)
    {
        if (digits.Length > 9)
        {
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var large) ? large : -1;
        }

        var value = 0;
        foreach (var digit in digits)
        {
            value = (value * 10) + (digit - '0');
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryTimestamp(ReadOnlySpan<byte> text, out LogTimestamp timestamp, out LogPrefixFormat format)
    {
        if (text.SequenceEqual(_lastText.AsSpan(0, _lastLength)))
        {
            timestamp = _last;
            format = _lastFormat;
            return true;
        }

        timestamp = default;
        format = default;

        // A timestamp is printable ASCII; anything else is the general parser's to judge.
        if (text.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0)
        {
            return false;
        }

        Span<char> chars = stackalloc char[text.Length];
        Ascii.ToUtf16(text, chars, out _);
        var valid = text.Length == BsdLength
            ? LogTimestampParser.TryReadBsd(chars, referenceDate, out timestamp, out var used) && used == BsdLength
            : text.Length >= MinRfc3339Length && LogTimestampParser.TryReadRfc3339(chars, out timestamp, out used) && used == text.Length;
        format = text.Length == BsdLength ? LogPrefixFormat.Bsd : LogPrefixFormat.Rfc3339;
        if (valid)
        {
            text.CopyTo(_lastText);
            _lastLength = text.Length;
            _last = timestamp;
            _lastFormat = format;
        }

        return valid;
    }

    /// <summary>The parts of a plain header, as offsets into the line.</summary>
    internal readonly record struct Header(
        LogPrefixFormat Format,
        LogTimestamp Timestamp,
        int HostStart,
        int HostLength,
        int ProgramStart,
        int ProgramLength,
        int Pid,
        int MessageStart);
}
