using MailTls.Core.Evidence;

namespace MailTls.Core.Logs;

/// <summary>One row of the failures table: a cause for one organisation in one direction.</summary>
/// <param name="Direction">Inbound, outbound or startup.</param>
/// <param name="Cause">The cause code.</param>
/// <param name="Organisation">The registrable domain (or host, or address when there is no name).</param>
/// <param name="Count">How many events.</param>
/// <param name="FirstSeen">The earliest timestamp, when the log has them.</param>
/// <param name="LastSeen">The latest timestamp.</param>
/// <param name="FirstLocation">Where the first event was read.</param>
public sealed record TlsFailureRow(
    TlsDirection Direction, TlsCause Cause, string Organisation, int Count, LogTimestamp? FirstSeen, LogTimestamp? LastSeen, SourceLocation FirstLocation);
