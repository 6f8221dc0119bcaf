using MailTls.Core.Logs;

namespace MailTls.Cli.Rendering;

/// <summary>
/// One line of <c>mailtls logs --events</c>: a TLS event flattened for machines. Every field is
/// always written (null when unknown) so that consumers can rely on the keys.
/// </summary>
internal sealed record TlsEventRecord(
    string File,
    int Line,
    MailTransferAgent Mta,
    string Program,
    TlsDirection Direction,
    TlsEventPeerRecord Peer,
    TlsOutcome Outcome,
    TlsCause Cause,
    string? Detail,
    string? Protocol,
    string? Cipher,
    TlsTrust? Trust,
    string? Timestamp,
    string? QueueId,
    int? CauseLine)
{
    public static TlsEventRecord From(TlsEvent e) => new(
        e.Location.Path,
        e.Location.Line,
        e.Mta,
        e.Program,
        e.Direction,
        new TlsEventPeerRecord(e.Peer.Host, e.Peer.Ip, e.Peer.Org),
        e.Outcome,
        e.Cause,
        e.Detail,
        e.Protocol,
        e.Cipher,
        e.Trust,
        e.Timestamp?.ToString(),
        e.QueueId,
        e.CauseLocation?.Line);
}
