using Xunit;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// Hostile-server tests measure the process's allocations around one session, so they run alone,
/// after the parallel tests, where no other test's allocations land in the figure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileServersCollectionDefinition
{
    public const string Name = "hostile servers";
}
