using MailTls.Core.Dns;
using MailTls.Core.Logs;
using MailTls.Core.Tests.TestData;
using Xunit;

namespace MailTls.Core.Tests.Logs;

public class TlsEventTablesTests
{
    [Fact]
    public void Add_Scenario1And2Events_BuildsFailureSuccessAndTimelineTables()
    {
        // Given the events of scenarios 1 and 2
        var suffixes = PublicSuffixList.Parse("com\nde");
        var events = Fixtures.Extract(Fixtures.Read("Logs/scenario1-gmail-tls12-only.log"), "mail.log", suffixes)
            .Concat(Fixtures.Extract(Fixtures.Read("Logs/scenario2-no-shared-cipher.log"), "maillog", suffixes));
        var tables = new TlsEventTables();

        // When they are aggregated
        foreach (var tlsEvent in events)
        {
            tables.Add(tlsEvent);
        }

        // Then failures are counted per cause and organisation with first/last seen
        var gmailCipher = Assert.Single(tables.Failures, r => r.Organisation == "google.com" && r.Cause == TlsCause.NoSharedCipher);
        Assert.Equal(2, gmailCipher.Count);
        Assert.Equal(19, gmailCipher.FirstSeen!.Value.Wallclock.Hour);
        Assert.Equal(21, gmailCipher.LastSeen!.Value.Wallclock.Hour);
        Assert.Equal(1, Assert.Single(tables.Failures, r => r.Organisation == "google.com" && r.Cause == TlsCause.ProtocolVersionMismatch).Count);

        // And successes by protocol and cipher, as the admin's awk one-liner printed them
        Assert.Equal(3, tables.Successes.Sum(r => r.Count));
        Assert.Contains(tables.Successes, r => r.Protocol == "TLSv1.2" && r.Cipher == "AES128-GCM-SHA256" && r.Direction == TlsDirection.Inbound);

        // And a timeline by hour that leaves out the events without a timestamp (the BBC lines)
        Assert.Equal(tables.Timeline.Sum(r => r.Successes + r.Failures), events.Count(e => e.Timestamp is not null));
        Assert.True(tables.Timeline.Zip(tables.Timeline.Skip(1)).All(p => p.First.Hour < p.Second.Hour));
    }
}
