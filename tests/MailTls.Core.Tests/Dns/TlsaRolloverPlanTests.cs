using Xunit;
using MailTls.Core.Dns;

namespace MailTls.Core.Tests.Dns;

public class TlsaRolloverPlanTests
{
    [Fact]
    public void Create_NewKeyAndCa_AddsBothRemovesBothWaitsTwoTtls()
    {
        // Given 3 1 1 + 2 1 1 published for the current chain, and a new chain
        using var current = DnsTestChain.Create();
        using var next = DnsTestChain.Create();
        var published = TlsaCalculator.RecordsToPublish(current.Chain);

        // When the rollover is planned
        var plan = TlsaRolloverPlan.Create(published, next.Chain, TimeSpan.FromSeconds(300));

        // Then the new records are to be added, the old ones removed after the switch, after 600 s
        Assert.False(plan.SafeNow);
        Assert.Equal(TlsaCalculator.RecordsToPublish(next.Chain), plan.ToAdd);
        Assert.Equal(published, plan.ToRemoveAfterSwitch);
        Assert.Equal(TimeSpan.FromSeconds(600), plan.Wait);
    }

    [Fact]
    public void Create_NewRecordsAlreadyBeside_SafeNothingToAdd()
    {
        // Given old and new records already published side by side
        using var current = DnsTestChain.Create();
        using var next = DnsTestChain.Create();
        TlsaRecord[] published = [.. TlsaCalculator.RecordsToPublish(current.Chain), .. TlsaCalculator.RecordsToPublish(next.Chain)];

        // When the rollover is planned
        var plan = TlsaRolloverPlan.Create(published, next.Chain, TimeSpan.FromSeconds(300));

        // Then the switch is safe now; only clean-up is left
        Assert.True(plan.SafeNow);
        Assert.Empty(plan.ToAdd);
        Assert.Equal(TlsaCalculator.RecordsToPublish(current.Chain), plan.ToRemoveAfterSwitch);
    }
}
