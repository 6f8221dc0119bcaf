namespace MailTls.IntegrationTests.Hostile;

/// <summary>One way a server misbehaves, run by <see cref="HostileServer"/> on every connection.</summary>
/// <param name="Name">A stable name, used by the tests' expectation tables.</param>
/// <param name="Description">What the server does, as a postmaster would describe it.</param>
/// <param name="Script">The server side of the connection.</param>
internal sealed record HostileCase(string Name, string Description, Func<HostileConnection, CancellationToken, Task> Script)
{
    public override string ToString() => Name;
}
