namespace MailTls.Core.Logs;

/// <summary>
/// When a line was written, as the log states it. BSD syslog lines have no zone, so
/// <see cref="Offset"/> is null for them and <see cref="Wallclock"/> is the server's local time.
/// </summary>
/// <param name="Wallclock">The date and time as written (year inferred for BSD syslog).</param>
/// <param name="Offset">The UTC offset when the log gives one.</param>
public readonly record struct LogTimestamp(DateTime Wallclock, TimeSpan? Offset)
{
    /// <summary>The instant, assuming UTC for zone-less timestamps (their order is still right within one server's log).</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        new(DateTime.SpecifyKind(Wallclock, DateTimeKind.Unspecified), Offset ?? TimeSpan.Zero);

    /// <summary>ISO 8601, with the offset only when it is known.</summary>
    public override string ToString() => Offset is { } offset
        ? ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture)
        : Wallclock.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
}
