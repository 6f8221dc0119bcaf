using System.Globalization;
using MailTls.Core.Logs;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks;

/// <summary>Shared wording for checks over TLS failures: who is affected, since when, and the lines that show it.</summary>
internal static class TlsEventGroups
{
    /// <summary>At most this many log lines are cited per finding: one per organisation, busiest first.</summary>
    public const int MaxEvidence = 5;

    /// <summary>At most this many organisations are named in a sentence.</summary>
    public const int MaxNamed = 5;

    /// <summary>Organisations of a list of events with their counts, busiest first, ties by name.</summary>
    public static IReadOnlyList<(string Organisation, int Count)> ByOrganisation(IEnumerable<TlsEvent> events) =>
        [.. events.GroupBy(TlsEventGroup.OrganisationOf, StringComparer.OrdinalIgnoreCase)
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

    /// <summary>", from 2019-12-19T11:09:11 to 2019-12-20T11:44:46", or nothing when the events have no timestamps.</summary>
    public static string Span(IReadOnlyCollection<TlsEvent> events)
    {
        var group = new TlsEventGroup();
        foreach (var tlsEvent in events)
        {
            group.Add(tlsEvent);
        }

        return Span(group);
    }

    /// <summary>"google.com (12), facebook.com (3) and 4 more", and how many events of untracked organisations.</summary>
    public static string Describe(TlsEventGroup group)
    {
        var named = Describe([.. group.Organisations.Select(o => (o.Organisation, o.Count))]);
        return group.UntrackedOrganisationEvents > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{named} and {group.UntrackedOrganisationEvents} event(s) of further organisations")
            : named;
    }

    /// <summary>", from 2019-12-19T11:09:11 to 2019-12-20T11:44:46", or nothing when the log has no timestamps.</summary>
    public static string Span(TlsEventGroup group) => (group.Earliest, group.Latest) switch
    {
        ({ } first, { } last) when first == last => $", at {first}",
        ({ } first, { } last) => $", from {first} to {last}",
        _ => "",
    };

    /// <summary>The deciding line of the first event of each organisation, busiest organisations first.</summary>
    public static IReadOnlyList<EvidenceRef> Evidence(TlsEventGroup group) =>
        [.. group.Organisations.Take(MaxEvidence)
            .Select(o => (EvidenceRef)new LogLineEvidence(o.First.CauseLocation ?? o.First.Location, o.First.CauseText ?? o.First.Detail ?? o.First.Cause.ToString()))];

    /// <summary>The distinct details of a group, most frequent first (e.g. "unknown protocol", "unsupported protocol").</summary>
    public static string Details(TlsEventGroup group) =>
        string.Join("; ", group.Details.Take(MaxNamed).Select(d => $"\"{d.Detail}\""));

    /// <summary>The organisations of a group, busiest first, for a finding's subjects.</summary>
    public static IReadOnlyList<string> Subjects(TlsEventGroup group) => [.. group.Organisations.Select(o => o.Organisation)];
}
