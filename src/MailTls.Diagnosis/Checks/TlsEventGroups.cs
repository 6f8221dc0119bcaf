using System.Globalization;
using MailTls.Core.Logs;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>Shared wording for checks over TLS events: who is affected, since when, and the lines that show it.</summary>
internal static class TlsEventGroups
{
    /// <summary>At most this many log lines are cited per finding: one per organisation, busiest first.</summary>
    public const int MaxEvidence = 5;

    /// <summary>At most this many organisations are named in a sentence.</summary>
    public const int MaxNamed = 5;

    /// <summary>The organisation an event is counted under: registrable domain, else host, else address.</summary>
    public static string Organisation(TlsEvent tlsEvent) =>
        tlsEvent.Peer.Org ?? tlsEvent.Peer.Host ?? tlsEvent.Peer.Ip ?? "unknown peer";

    /// <summary>Organisations with their event counts, busiest first, ties by name.</summary>
    public static IReadOnlyList<(string Organisation, int Count)> ByOrganisation(IEnumerable<TlsEvent> events) =>
        [.. events.GroupBy(Organisation, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2)
            .ThenBy(g => g.Key, StringComparer.Ordinal)];

    /// <summary>"google.com (12), facebook.com (3) and 4 more".</summary>
    public static string Describe(IReadOnlyList<(string Organisation, int Count)> organisations)
    {
        var named = string.Join(", ", organisations.Take(MaxNamed).Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Organisation} ({o.Count})")));
        return organisations.Count > MaxNamed
            ? string.Create(CultureInfo.InvariantCulture, $"{named} and {organisations.Count - MaxNamed} more")
            : named;
    }

    /// <summary>", from 2019-12-19T11:09:11 to 2019-12-20T11:44:46", or nothing when the log has no timestamps.</summary>
    public static string Span(IReadOnlyCollection<TlsEvent> events)
    {
        var times = events.Where(e => e.Timestamp is not null).Select(e => e.Timestamp!.Value).ToList();
        if (times.Count == 0)
        {
            return "";
        }

        var first = times.MinBy(t => t.Wallclock);
        var last = times.MaxBy(t => t.Wallclock);
        return first == last ? $", at {first}" : $", from {first} to {last}";
    }

    /// <summary>The deciding line of the first event of each organisation, busiest organisations first.</summary>
    public static IReadOnlyList<EvidenceRef> Evidence(IReadOnlyCollection<TlsEvent> events, IReadOnlyList<(string Organisation, int Count)> organisations) =>
        [.. organisations.Take(MaxEvidence)
            .Select(o => events.First(e => string.Equals(Organisation(e), o.Organisation, StringComparison.OrdinalIgnoreCase)))
            .Select(e => (EvidenceRef)new LogLineEvidence(e.CauseLocation ?? e.Location, e.CauseText ?? e.Detail ?? e.Cause.ToString()))];

    /// <summary>The distinct details of a group, most frequent first (e.g. "unknown protocol", "unsupported protocol").</summary>
    public static string Details(IEnumerable<TlsEvent> events) =>
        string.Join("; ", events.Where(e => e.Detail is not null)
            .GroupBy(e => e.Detail!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Take(MaxNamed)
            .Select(g => $"\"{g.Key}\""));
}
