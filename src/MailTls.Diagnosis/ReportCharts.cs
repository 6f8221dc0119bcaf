using System.Globalization;
using MailTls.Core.Logs;

namespace MailTls.Diagnosis;

/// <summary>
/// The charts of a doctor report, from the log events: the failure timeline, failures by cause
/// and by sender organisation, and the protocols and ciphers of successful sessions.
/// </summary>
public static class ReportCharts
{
    /// <summary>At most this many bars per chart; the rest are summed into "other".</summary>
    public const int MaxBars = 12;

    /// <summary>More hourly points than this are drawn per day instead.</summary>
    public const int MaxHourlyPoints = 72;

    /// <summary>Builds the charts; charts with nothing to show are left out.</summary>
    /// <param name="evidence">The evidence, of which the TLS events are drawn.</param>
    /// <returns>The charts.</returns>
    public static IReadOnlyList<ReportChart> From(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var tables = new TlsEventTables();
        foreach (var tlsEvent in evidence.TlsEvents)
        {
            tables.Add(tlsEvent);
        }

        var charts = new List<ReportChart>();
        if (tables.Timeline.Count > 0)
        {
            charts.Add(new ReportChart("timeline", Timeline(tables.Timeline, out var unit), "columns", ["successes", "failures"], Points(tables.Timeline, unit)));
        }

        var failures = tables.Failures;
        if (failures.Count > 0)
        {
            charts.Add(Bars("failures-by-cause", "TLS failures by cause", "failures", failures.GroupBy(f => f.Cause.ToCode()).Select(g => (g.Key, g.Sum(f => f.Count)))));
            charts.Add(Bars("failures-by-organisation", "TLS failures by peer organisation", "failures", failures.GroupBy(f => f.Organisation, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, g.Sum(f => f.Count)))));
        }

        var successes = tables.Successes;
        if (successes.Count > 0)
        {
            charts.Add(Bars("successes-by-protocol", "Successful TLS sessions by protocol", "sessions", successes.GroupBy(s => s.Protocol ?? "unknown").Select(g => (g.Key, g.Sum(s => s.Count)))));
            charts.Add(Bars("successes-by-cipher", "Successful TLS sessions by cipher", "sessions", successes.GroupBy(s => s.Cipher ?? "unknown").Select(g => (g.Key, g.Sum(s => s.Count)))));
        }

        return charts;
    }

    private static string Timeline(IReadOnlyList<TlsTimelineRow> rows, out bool daily)
    {
        daily = rows.Count > MaxHourlyPoints;
        return daily ? "TLS sessions per day (successes and failures)" : "TLS sessions per hour (successes and failures)";
    }

    private static List<ChartPoint> Points(IReadOnlyList<TlsTimelineRow> rows, bool daily) =>
        daily
            ? [.. rows.GroupBy(r => r.Hour.Date).OrderBy(g => g.Key).Select(g => new ChartPoint(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), [g.Sum(r => r.Successes), g.Sum(r => r.Failures)]))]
            : [.. rows.OrderBy(r => r.Hour).Select(r => new ChartPoint(r.Hour.ToString("yyyy-MM-dd HH:00", CultureInfo.InvariantCulture), [r.Successes, r.Failures]))];

    private static ReportChart Bars(string id, string title, string series, IEnumerable<(string Label, int Count)> values)
    {
        var ordered = values.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.Ordinal).ToList();
        var points = ordered.Take(MaxBars).Select(v => new ChartPoint(v.Label, [v.Count])).ToList();
        if (ordered.Count > MaxBars)
        {
            points.Add(new ChartPoint($"{ordered.Count - MaxBars} other(s)", [ordered.Skip(MaxBars).Sum(v => v.Count)]));
        }

        return new ReportChart(id, title, "bars", [series], points);
    }
}
