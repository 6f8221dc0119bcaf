using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix;

/// <summary>
/// One service in master.cf (master(5)): <c>service type private unpriv chroot wakeup maxproc command [args]</c>.
/// </summary>
/// <param name="Name">The service field: <c>smtp</c>, <c>submission</c>, <c>127.0.0.1:2525</c>, ...</param>
/// <param name="Type">inet, unix, unix-dgram, fifo or pass.</param>
/// <param name="Command">The daemon, e.g. <c>smtpd</c>, <c>smtp</c>, <c>postscreen</c>.</param>
/// <param name="Arguments">The command arguments other than <c>-o</c> overrides.</param>
/// <param name="Overrides">The <c>-o</c> overrides, in order; a later one of the same name wins.</param>
/// <param name="Location">Where the service line starts.</param>
public sealed record MasterService(
    string Name,
    string Type,
    string Command,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<ServiceOverride> Overrides,
    SourceLocation Location)
{
    /// <summary>The key postconf -M uses: <c>service/type</c>.</summary>
    public string Key => $"{Name}/{Type}";

    /// <summary>The last override of a parameter on this service, if any.</summary>
    /// <param name="parameter">The main.cf parameter name.</param>
    /// <returns>The override, or null.</returns>
    public ServiceOverride? FindOverride(string parameter) =>
        Overrides.LastOrDefault(o => string.Equals(o.Name, parameter, StringComparison.Ordinal));
}
