using MailTls.Core.Logs;

namespace MailTls.Cli.Commands;

/// <summary>The <c>--direction</c>, <c>--peer</c>, <c>--since</c> and <c>--until</c> filters of <c>mailtls logs</c>.</summary>
internal sealed record TlsEventFilter(TlsDirection? Direction, string? Peer, DateTime? Since, DateTime? Until)
{
    public bool Matches(TlsEvent tlsEvent)
    {
        if (Direction is { } direction && tlsEvent.Direction != direction)
        {
            return false;
        }

        if (Peer is { Length: > 0 } peer
            && !(Contains(tlsEvent.Peer.Host, peer) || Contains(tlsEvent.Peer.Ip, peer) || Contains(tlsEvent.Peer.Org, peer)))
        {
            return false;
        }

        // Time filters compare with the time as written; events without a timestamp cannot be placed and are left out.
        var when = tlsEvent.Timestamp?.Wallclock;
        return (Since is null || (when is { } a && a >= Since))
            && (Until is null || (when is { } b && b < Until));
    }

    private static bool Contains(string? value, string part) =>
        value is not null && value.Contains(part, StringComparison.OrdinalIgnoreCase);
}
