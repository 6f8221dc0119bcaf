using System.Globalization;
using MailTls.Core.Logs;

namespace MailTls.Diagnosis;

/// <summary>
/// The tables <c>mailtls logs</c> shows beside its findings: failures by cause and sender
/// organisation with first and last sighting, successful sessions by protocol and cipher (what the
/// grep/awk one-liners approximate), and an hourly timeline.
/// </summary>
public static class LogFacts
{
    /// <summary>Builds the tables from the events.</summary>
    /// <param name="events">The TLS events, already filtered.</param>
    /// <returns>The tables; empty ones are left out.</returns>
    public static IReadOnlyList<ReportTable> Tables(IEnumerable<TlsEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var tables = new TlsEventTables();
        foreach (var tlsEvent in events)
        {
            tables.Add(tlsEvent);
        }

        return Tables(tables);
    }

    /// <summary>Renders tables aggregated while the events streamed by.</summary>
    /// <param name="tables">The aggregated events, already filtered.</param>
    /// <returns>The tables; empty ones are left out.</returns>
    public static IReadOnlyList<ReportTable> Tables(TlsEventTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var result = new List<ReportTable>();
        if (tables.Failures.Count > 0)
        {
            result.Add(new ReportTable(
                "TLS failures by cause and peer organisation",
                ["Direction", "Cause", "Organisation", "Events", "First seen", "Last seen", "First line"],
                [.. tables.Failures.Select(f => (IReadOnlyList<string>)
                [
                    f.Direction.ToString().ToLowerInvariant(), f.Cause.ToCode(), f.Organisation, Count(f.Count),
                    f.FirstSeen?.ToString() ?? "-", f.LastSeen?.ToString() ?? "-", f.FirstLocation.ToString(),
                ])]));
        }

        if (tables.Successes.Count > 0)
        {
            result.Add(new ReportTable(
                "Successful TLS sessions by protocol and cipher",
                ["Direction", "Protocol", "Cipher", "Trust", "Sessions"],
                [.. tables.Successes.Select(s => (IReadOnlyList<string>)
                [
                    s.Direction.ToString().ToLowerInvariant(), s.Protocol ?? "-", s.Cipher ?? "-", s.Trust?.ToString() ?? "-", Count(s.Count),
                ])]));
        }

        if (tables.Timeline.Count > 0)
        {
            result.Add(new ReportTable(
                "Timeline (per hour)",
                ["Hour", "Successes", "Failures"],
                [.. tables.Timeline.Select(t => (IReadOnlyList<string>)
                [
                    t.Hour.ToString("yyyy-MM-dd HH:00", CultureInfo.InvariantCulture), Count(t.Successes), Count(t.Failures),
                ])]));
        }

        return result;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
