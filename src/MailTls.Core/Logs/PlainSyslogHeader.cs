using System.Buffers;
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

    private static readonly SearchValues<byte> HostStops = SearchValues.Create(" [:"u8);

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
        header = default;
        var head = line[..Math.Min(line.Length, MaxHeaderLength)];
        // "Nov  1 00:00:01" has spaces inside; an RFC 3339 timestamp ends at the first one.
        var timestampEnd = head.Length > 3 && head[3] == (byte)' ' ? BsdLength : head.IndexOf((byte)' ');
        if (timestampEnd < BsdLength || timestampEnd >= head.Length || head[timestampEnd] != (byte)' ')
        {
            return false;
        }

        var hostStart = timestampEnd + 1;
        var hostLength = head[hostStart..].IndexOfAny(HostStops);
        if (hostLength <= 0 || head[hostStart + hostLength] != (byte)' ')
        {
            return false;
        }

        var programStart = hostStart + hostLength + 1;
        var programLength = head[programStart..].IndexOfAny(HostStops);
        if (programLength <= 0 || head[programStart + programLength] != (byte)'[')
        {
            return false;
        }

        var pidStart = programStart + programLength + 1;
        var digits = head[pidStart..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        var close = pidStart + digits;
        if (digits <= 0 || close + 1 >= head.Length || head[close] != (byte)']' || head[close + 1] != (byte)':'
            || head[..(close + 2)].IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0
            || !TryTimestamp(head[..timestampEnd], out var timestamp, out var format))
        {
            return false;
        }

        var messageStart = close + 2 < line.Length && line[close + 2] == (byte)' ' ? close + 3 : close + 2;
        var pid = Pid(head[pidStart..close]);
        header = new Header(format, timestamp, hostStart, hostLength, programStart, programLength, pid, messageStart);
        return true;
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
