using System.Runtime.CompilerServices;

namespace MailTls.Core.Logs;

/// <summary>
/// Span readers for the timestamps that start syslog lines: RFC 3339 (rsyslog high precision,
/// RFC 5424, journald <c>short-iso</c>) and RFC 3164 <c>Mmm dd hh:mm:ss</c> with year inference.
/// Every routine returns false on malformed input and never throws.
/// </summary>
internal static class LogTimestampParser
{
    // RFC 3339 section 5.6: date-fullyear "-" date-month "-" date-mday "T" time-hour ":" time-minute ":" time-second
    private const int YearOffset = 0;
    private const int MonthOffset = 5;
    private const int DayOffset = 8;
    private const int DateTimeSeparatorOffset = 10;
    private const int HourOffset = 11;
    private const int MinuteOffset = 14;
    private const int SecondOffset = 17;
    private const int FixedRfc3339Length = 19;

    // RFC 3164 section 4.1.2: Mmm SP dd SP hh:mm:ss, the day padded with a space.
    private const int BsdDayOffset = 4;
    private const int BsdTimeOffset = 7;
    private const int BsdLength = 15;

    private const int MaxFractionDigits = 7;
    private const int MaxFebruaryLeapSearch = 8;

    /// <summary>
    /// Reads <c>YYYY-MM-DD[T ]hh:mm:ss[.frac][Z|+hh:mm|+hhmm]</c> at the start of <paramref name="text"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryReadRfc3339(ReadOnlySpan<char> text, out LogTimestamp timestamp, out int consumed)
    {
        timestamp = default;
        consumed = 0;
        if (text.Length < FixedRfc3339Length
            || text[YearOffset + 4] != '-' || text[MonthOffset + 2] != '-'
            || text[DateTimeSeparatorOffset] is not ('T' or 't' or ' ')
            || text[HourOffset + 2] != ':' || text[MinuteOffset + 2] != ':'
            || !TryDigits(text.Slice(YearOffset, 4), out var year)
            || !TryDigits(text.Slice(MonthOffset, 2), out var month)
            || !TryDigits(text.Slice(DayOffset, 2), out var day)
            || !TryDigits(text.Slice(HourOffset, 2), out var hour)
            || !TryDigits(text.Slice(MinuteOffset, 2), out var minute)
            || !TryDigits(text.Slice(SecondOffset, 2), out var second)
            || !TryMakeDate(year, month, day, hour, minute, second, out var wallclock))
        {
            return false;
        }

        var position = FixedRfc3339Length;
        if (position < text.Length && text[position] is '.' or ',')
        {
            position++;
            long ticks = 0;
            var digits = 0;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                // Ticks are 100 ns: keep 7 digits, ignore finer ones (some loggers write nanoseconds).
                if (digits < MaxFractionDigits)
                {
                    ticks = (ticks * 10) + (text[position] - '0');
                    digits++;
                }

                position++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (var pad = digits; pad < MaxFractionDigits; pad++)
            {
                ticks *= 10;
            }

            wallclock = wallclock.AddTicks(ticks);
        }

        TimeSpan? offset = null;
        if (position < text.Length && text[position] is 'Z' or 'z')
        {
            offset = TimeSpan.Zero;
            position++;
        }
        else if (position < text.Length && text[position] is '+' or '-')
        {
            if (!TryReadOffset(text[position..], out var parsed, out var used))
            {
                return false;
            }

            offset = parsed;
            position += used;
        }

        timestamp = new LogTimestamp(wallclock, offset);
        consumed = position;
        return true;
    }

    /// <summary>
    /// Reads <c>Mmm dd hh:mm:ss</c> and places it in the latest year that does not put it more than
    /// a day after <paramref name="reference"/> (so December lines read in January belong to last year).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryReadBsd(ReadOnlySpan<char> text, DateTime reference, out LogTimestamp timestamp, out int consumed)
    {
        timestamp = default;
        consumed = 0;
        if (text.Length < BsdLength || text[3] != ' ')
        {
            return false;
        }

        var month = MonthNumber(text[..3]);
        if (month == 0)
        {
            return false;
        }

        var dayField = text.Slice(BsdDayOffset, 2);
        var day = dayField[0] == ' '
            ? (char.IsAsciiDigit(dayField[1]) ? dayField[1] - '0' : -1)
            : (TryDigits(dayField, out var twoDigit) ? twoDigit : -1);
        if (day < 1 || text[BsdTimeOffset - 1] != ' '
            || text[BsdTimeOffset + 2] != ':' || text[BsdTimeOffset + 5] != ':'
            || !TryDigits(text.Slice(BsdTimeOffset, 2), out var hour)
            || !TryDigits(text.Slice(BsdTimeOffset + 3, 2), out var minute)
            || !TryDigits(text.Slice(BsdTimeOffset + 6, 2), out var second))
        {
            return false;
        }

        var limit = reference.AddDays(1);
        var year = reference.Year;
        if (!TryMakeDate(year, month, day, hour, minute, second, out var wallclock) || wallclock > limit)
        {
            year--;
            if (!TryMakeDate(year, month, day, hour, minute, second, out wallclock))
            {
                // Feb 29 outside a leap year: go back to the last leap year rather than reject the line.
                var found = false;
                for (var back = 1; back <= MaxFebruaryLeapSearch && !found; back++)
                {
                    found = TryMakeDate(year - back, month, day, hour, minute, second, out wallclock);
                }

                if (!found)
                {
                    return false;
                }
            }
        }

        timestamp = new LogTimestamp(wallclock, null);
        consumed = BsdLength;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MonthNumber(ReadOnlySpan<char> name)
    {
        // Called for every line: a switch on the three letters instead of twelve comparisons.
        return name switch
        {
            "Jan" => 1,
            "Feb" => 2,
            "Mar" => 3,
            "Apr" => 4,
            "May" => 5,
            "Jun" => 6,
            "Jul" => 7,
            "Aug" => 8,
            "Sep" => 9,
            "Oct" => 10,
            "Nov" => 11,
            "Dec" => 12,
            _ => 0,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadOffset(ReadOnlySpan<char> text, out TimeSpan offset, out int consumed)
    {
        // RFC 3339 time-numoffset is "+hh:mm"; journald short-iso and ISO 8601 basic write "+hhmm".
        offset = default;
        consumed = 0;
        var sign = text[0] == '-' ? -1 : 1;
        if (text.Length >= 6 && text[3] == ':'
            && TryDigits(text.Slice(1, 2), out var hours) && TryDigits(text.Slice(4, 2), out var minutes))
        {
            consumed = 6;
        }
        else if (text.Length >= 5 && TryDigits(text.Slice(1, 2), out hours) && TryDigits(text.Slice(3, 2), out minutes))
        {
            consumed = 5;
        }
        else
        {
            return false;
        }

        if (hours > 18 || minutes > 59)
        {
            consumed = 0;
            return false;
        }

        offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryMakeDate(int year, int month, int day, int hour, int minute, int second, out DateTime value)
    {
        value = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        // A leap second (:60) is folded into the last second of its minute.
        value = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return digits.Length > 0;
    }
}
