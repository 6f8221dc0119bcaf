using Xunit;
using System.Diagnostics;

namespace MailTls.IntegrationTests.Dns;

public class DnsZoneFixtureTests
{
    [Fact]
    public async Task DisposeAsync_AfterStart_LeavesNoServerProcess()
    {
        // Given a started fixture
        var fixture = new DnsZoneFixture();
        var clock = Stopwatch.StartNew();
        await fixture.InitializeAsync();
        clock.Stop();
        var ids = fixture.ServerProcessIds;
        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.True(Directory.Exists($"/proc/{id}"), $"process {id} is not running"));

        // When it is disposed
        await fixture.DisposeAsync();

        // Then knotd and unbound are gone and reaped (no /proc entry, not even a zombie), and the start was fast
        Assert.All(ids, id => Assert.False(Directory.Exists($"/proc/{id}"), $"process {id} is still there"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the fixture took {clock.Elapsed} to start");
    }
}
