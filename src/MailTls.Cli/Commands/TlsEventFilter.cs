using MailTls.Core.Logs;

namespace MailTls.Cli.Commands;

/// <summary>The <c>--direction</c>, <c>--peer</c>, <c>--since</c> and <c>--until</c> filters of <c>mailtls logs</c>.</summary>
internal sealed record TlsEventFilter(TlsDirection? Direction, string? Peer, DateTime? Since, DateTime? Until)
{
    public bool Matches(TlsEvent tlsEvent) =>
        (Direction is not { } direction || tlsEvent.Direction == direction) && Matches(tlsEvent.Peer, tlsEvent.Timestamp);

    /// <summary>The peer and time filters alone (for records that have no direction of their own).</summary>
    public bool Matches(TlsPeer peer, LogTimestamp? timestamp)
    {
        if (Peer is { Length: > 0 } wanted
            && !(Contains(peer.Host, wanted) || Contains(peer.Ip, wanted) || Contains(peer.Org, wanted)))
        {
            return false;
        }

        // Time filters compare with the time as written; events without a timestamp cannot be placed and are left out.
        var when = timestamp?.Wallclock;
        return (Since is null || (when is { } a && a >= Since))
            && (Until is null || (when is { } b && b < Until));
    }

    private static bool Contains(string? value, string part) =>
        value is not null && value.Contains(part, StringComparison.OrdinalIgnoreCase);
}
