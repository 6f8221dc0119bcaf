using MailTls.Core.Evidence;
using MailTls.Core.Logs;
using Xunit;

namespace MailTls.Diagnosis.Tests;

public class ReportChartsTests
{
    private static TlsEvent Event(DateTime time, string org, TlsCause cause, string? protocol = null) => new()
    {
        Location = new SourceLocation("mail.log", 1),
        Mta = MailTransferAgent.Postfix,
        Program = "postfix/smtpd",
        Direction = TlsDirection.Inbound,
        Peer = new TlsPeer("mx." + org, "192.0.2.1", org),
        Outcome = cause == TlsCause.Ok ? TlsOutcome.Success : TlsOutcome.Failure,
        Cause = cause,
        Protocol = protocol,
        Cipher = protocol is null ? null : "ECDHE-RSA-AES256-GCM-SHA384",
        Timestamp = new LogTimestamp(time, null),
    };

    [Fact]
    public void From_FewHours_HourlyTimelineAndBarsByCauseOrganisationProtocol()
    {
        // Given two failures from google.com and one TLS 1.2 success within two hours
        var start = new DateTime(2025, 12, 19, 11, 5, 0);
        var evidence = new EvidenceSet
        {
            TlsEvents =
            [
                Event(start, "google.com", TlsCause.ProtocolVersionMismatch),
                Event(start.AddMinutes(10), "google.com", TlsCause.ProtocolVersionMismatch),
                Event(start.AddHours(1), "web.de", TlsCause.Ok, "TLSv1.2"),
            ],
        };

        // When the charts are made
        var charts = ReportCharts.From(evidence).ToDictionary(c => c.Id);

        // Then the timeline has one point per hour with successes and failures, and the bars count per label
        Assert.Equal(["timeline", "failures-by-cause", "failures-by-organisation", "successes-by-protocol", "successes-by-cipher"], charts.Keys);
        Assert.Equal(["2025-12-19 11:00 0/2", "2025-12-19 12:00 1/0"], charts["timeline"].Points.Select(p => $"{p.Label} {string.Join('/', p.Values)}"));
        Assert.Equal(("google.com", 2), (charts["failures-by-organisation"].Points[0].Label, charts["failures-by-organisation"].Points[0].Values[0]));
        Assert.Equal("protocol_version_mismatch", charts["failures-by-cause"].Points.Single().Label);
        Assert.Equal("TLSv1.2", charts["successes-by-protocol"].Points.Single().Label);
    }

    [Fact]
    public void From_WeeksAndManyOrganisations_DailyTimelineAndOtherBucket()
    {
        // Given four failures a day, at different hours, for 20 days, each day from another organisation
        var start = new DateTime(2025, 12, 1, 8, 0, 0);
        var evidence = new EvidenceSet
        {
            TlsEvents = [.. Enumerable.Range(0, 20).SelectMany(d => Enumerable.Range(0, 4).Select(h => Event(start.AddDays(d).AddHours(h * 5), $"org{d:00}.example", TlsCause.NoSharedCipher)))],
        };

        // When the charts are made
        var charts = ReportCharts.From(evidence).ToDictionary(c => c.Id);

        // Then the timeline is per day once it would have too many hourly points, and bars beyond the limit are summed
        Assert.Equal(20, charts["timeline"].Points.Count);
        Assert.Equal("2025-12-01", charts["timeline"].Points[0].Label);
        Assert.Equal([0, 4], charts["timeline"].Points[0].Values);
        var organisations = charts["failures-by-organisation"].Points;
        Assert.Equal(ReportCharts.MaxBars + 1, organisations.Count);
        Assert.Equal(("8 other(s)", 32), (organisations[^1].Label, organisations[^1].Values[0]));
    }

    [Fact]
    public void From_NoEvents_NoCharts()
    {
        // Given / When / Then: nothing to draw is no chart, not an empty one
        Assert.Empty(ReportCharts.From(new EvidenceSet()));
    }
}
