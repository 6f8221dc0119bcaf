using System.Diagnostics;
using System.Text.Json;
using MailTls.Tests;
using Xunit;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// <c>mailtls probe</c> end to end against the hostile servers: what the administrator reads is a
/// report (valid JSON) with a finding that says what went wrong and an exit code that is not
/// "clean", within the deadline, never a stack trace. The two cases that stall every TLS answer
/// end within three deadlines: the probe stops once a second hello stalls too.
/// </summary>
[Collection(HostileServersCollectionDefinition.Name)]
public sealed class ProbeCommandHostileTests(HostileMaterial material) : IClassFixture<HostileMaterial>
{
    /// <summary>Name, the finding that must be reported, and the exit code.</summary>
    public static TheoryData<string, string, int> Expectations() => new()
    {
        { "no-banner", "probe-blocked", 1 },
        { "close-at-once", "probe-blocked", 1 },
        { "reset-at-once", "probe-blocked", 1 },
        { "greeting-tarpit", "probe-blocked", 1 },
        { "drip-banner", "probe-blocked", 1 },
        { "endless-multiline-banner", "source-unavailable", 1 },
        { "megabyte-line", "source-unavailable", 1 },
        { "421-then-close", "probe-blocked", 1 },
        { "554-banner", "probe-blocked", 1 },
        { "binary-banner", "source-unavailable", 1 },
        { "http-server", "source-unavailable", 1 },
        { "ehlo-silence", "probe-blocked", 1 },
        { "endless-ehlo", "source-unavailable", 1 },
        { "inconsistent-codes", "source-unavailable", 1 },
        { "no-starttls-ignores-quit", "starttls-not-offered", 1 },
        { "starttls-454", "starttls-not-offered", 1 },
        { "starttls-then-plaintext", "source-unavailable", 1 },
        { "garbage-serverhello", "source-unavailable", 1 },
        { "record-over-16k", "source-unavailable", 1 },
        { "truncated-handshake-close", "source-unavailable", 1 },
        { "truncated-handshake-hang", "source-unavailable", 1 },
        { "drip-handshake", "source-unavailable", 1 },
        { "alert-flood", "source-unavailable", 1 },
        { "reset-mid-handshake", "source-unavailable", 1 },
        { "sslv2-answer", "source-unavailable", 1 },
        { "500-certificate-chain", "source-unavailable", 1 },
        { "undecodable-der", "source-unavailable", 1 },
        { "10000-names", "source-unavailable", 1 },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task Probe_HostileServer_ReportsAFindingNotACleanBill(string name, string finding, int exitCode)
    {
        // Given
        var hostile = HostileCases.All(material).Single(c => c.Name == name);
        await using var server = HostileServer.Start(hostile.Script);
        var clock = Stopwatch.StartNew();

        // When
        var (exit, stdout, stderr, _) = await CliRun.RunAsync("probe", $"127.0.0.1:{server.Port}", "--json", "--timeout", "1", "--no-senders", "--ehlo", "probe.mailtls.test");

        // Then
        clock.Stop();
        Assert.True(exitCode == exit, $"{hostile.Description}: exit {exit}\n{stderr}\n{stdout}");
        Assert.DoesNotContain("this is a bug", stderr, StringComparison.OrdinalIgnoreCase);
        using var report = JsonDocument.Parse(stdout);
        var ids = report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.True(ids.Contains(finding), $"{hostile.Description}: findings {string.Join(", ", ids)}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"{hostile.Description}: took {clock.Elapsed}");
        if (name is "truncated-handshake-hang" or "drip-handshake")
        {
            // Two stalled hellos (SSLv2 alongside), each one --timeout: well under three deadlines plus start-up.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds((3 * 1) + 1.5), $"{hostile.Description}: took {clock.Elapsed}");
            Assert.Contains(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetRawText().Contains("not enumerated", StringComparison.Ordinal));
        }
    }
}
