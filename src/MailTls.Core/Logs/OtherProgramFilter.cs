using System.Runtime.CompilerServices;
using System.Text;

namespace MailTls.Core.Logs;

/// <summary>
/// NAME
///   OtherProgramFilter - recognise, from the raw bytes, lines whose program never logs TLS
/// SUMMARY
///   About half of a busy Postfix log comes from cleanup, qmgr, local and the like. Their lines are
///   dropped anyway (<see cref="MtaProgram.Identify"/> gives null), so telling them apart before the
///   line is decoded and its header parsed saves the parser its commonest work. Only the plain
///   header shapes <c>Mmm dd hh:mm:ss HOST TAG[PID]: </c> and <c>RFC3339 HOST TAG[PID]: </c> are
///   recognised here, and the timestamp is checked by the same readers the full parser uses (once
///   per distinct timestamp); every other line takes the full path, so counts and results do not change.
/// DIAGNOSTICS
///   None: an unrecognised shape is simply not filtered.
/// </summary>
internal sealed class OtherProgramFilter(DateTime referenceDate)
{
    // Longer headers than this are not the plain shapes above.
    private const int MaxHeaderLength = 160;
    private const int BsdLength = 15;
    private const int MinRfc3339Length = 19;

    // The last timestamp bytes that the full timestamp readers accepted: lines of one second share it.
    private readonly byte[] _lastTimestamp = new byte[MaxHeaderLength];
    private int _lastTimestampLength;

    /// <summary>True when the line has a plain syslog header whose program is not one mailtls reads.</summary>
    /// <param name="line">The line's bytes without its terminator.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsOtherProgram(ReadOnlySpan<byte> line)
    {
        var header = line[..Math.Min(line.Length, MaxHeaderLength)];
        var timestampEnd = header.IndexOf((byte)' ');
        if (header.Length > 3 && header[3] == (byte)' ')
        {
            // "Nov  1 00:00:01": the fixed-width BSD form has spaces inside.
            timestampEnd = BsdLength;
        }

        if (timestampEnd < BsdLength || timestampEnd >= header.Length || header[timestampEnd] != (byte)' ')
        {
            return false;
        }

        var afterTimestamp = header[(timestampEnd + 1)..];
        var hostEnd = afterTimestamp.IndexOf((byte)' ');
        if (hostEnd <= 0)
        {
            return false;
        }

        var tagAndRest = afterTimestamp[(hostEnd + 1)..];
        var open = tagAndRest.IndexOfAny((byte)'[', (byte)' ', (byte)':');
        if (open <= 0 || tagAndRest[open] != (byte)'[' || !IsPidThenColon(tagAndRest[(open + 1)..]))
        {
            return false;
        }

        var tag = tagAndRest[..open];
        Span<char> program = stackalloc char[open];
        if (!Ascii.IsValid(tag) || Ascii.ToUtf16(tag, program, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        return MtaProgram.Identify(program, out _) is null && IsTimestamp(header[..timestampEnd]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsPidThenColon(ReadOnlySpan<byte> text)
    {
        var digits = text.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return digits > 0 && text.Length > digits + 1 && text[digits] == (byte)']' && text[digits + 1] == (byte)':';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsTimestamp(ReadOnlySpan<byte> timestamp)
    {
        if (timestamp.SequenceEqual(_lastTimestamp.AsSpan(0, _lastTimestampLength)))
        {
            return true;
        }

        Span<char> text = stackalloc char[timestamp.Length];
        if (!Ascii.IsValid(timestamp) || Ascii.ToUtf16(timestamp, text, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var valid = timestamp.Length == BsdLength
            ? LogTimestampParser.TryReadBsd(text, referenceDate, out _, out var used) && used == BsdLength
            : timestamp.Length >= MinRfc3339Length && LogTimestampParser.TryReadRfc3339(text, out _, out used) && used == timestamp.Length;
        if (valid)
        {
            timestamp.CopyTo(_lastTimestamp);
            _lastTimestampLength = timestamp.Length;
        }

        return valid;
    }
}
