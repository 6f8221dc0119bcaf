namespace MailTls.Core.Tls;

/// <summary>An alert message (RFC 8446 section 6).</summary>
/// <param name="Level">Level; unknown values are rejected by <see cref="TryRead"/>.</param>
/// <param name="Description">Description; unknown values are kept as numbers.</param>
public readonly record struct TlsAlert(TlsAlertLevel Level, TlsAlertDescription Description)
{
    /// <summary>Size of one alert on the wire.</summary>
    public const int Length = 2;

    /// <summary>True for a fatal alert.</summary>
    public bool IsFatal => Level == TlsAlertLevel.Fatal;

    /// <summary>
    /// Reads one alert from an alert record's fragment.
    /// <code>
    /// struct {
    ///     AlertLevel level;
    ///     AlertDescription description;
    /// } Alert;
    /// </code>
    /// Several alerts may share one record; call again on the rest.
    /// </summary>
    public static ParseStatus TryRead(ReadOnlySpan<byte> fragment, out TlsAlert alert, out int consumed, out TlsParseError error)
    {
        alert = default;
        consumed = 0;
        error = TlsParseError.None;
        var reader = new TlsReader(fragment);
        if (!reader.TryReadUInt8(out var level))
        {
            return ParseStatus.NeedMoreData;
        }

        if (level is not ((byte)TlsAlertLevel.Warning or (byte)TlsAlertLevel.Fatal))
        {
            error = TlsParseError.BadAlert;
            return ParseStatus.Invalid;
        }

        if (!reader.TryReadUInt8(out var description))
        {
            return ParseStatus.NeedMoreData;
        }

        alert = new TlsAlert((TlsAlertLevel)level, (TlsAlertDescription)description);
        consumed = reader.Consumed;
        return ParseStatus.Done;
    }
}
