using System.Runtime.CompilerServices;
using MailTls.Core.Evidence;

namespace MailTls.Core.Logs;

/// <summary>Where a line was read and how peers map to organisations: what single-line parsers need to build an event.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Program">The syslog tag (or <c>exim</c> for Exim's main log).</param>
/// <param name="Timestamp">When the line was written, if known.</param>
/// <param name="Organisation">Maps a host name to its registrable domain.</param>
internal sealed record LineContext(string File, int Line, string Program, LogTimestamp? Timestamp, Func<string?, string?> Organisation)
{
    /// <summary>Builds the event of a line that is a whole TLS attempt by itself (Sendmail, Exim, Dovecot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TlsEvent Event(
        MailTransferAgent mta, TlsDirection direction, ReadOnlySpan<char> host, ReadOnlySpan<char> ip,
        TlsCause cause, string? detail, ReadOnlySpan<char> message,
        string? protocol = null, string? cipher = null, TlsTrust? trust = null, string? queueId = null)
    {
        var hostText = host.IsEmpty ? null : host.TrimEnd('.').ToString();
        return new TlsEvent
        {
            Location = new SourceLocation(File, Line),
            Mta = mta,
            Program = Program,
            Direction = direction,
            Peer = new TlsPeer(hostText, ip.IsEmpty ? null : ip.ToString(), Organisation(hostText)),
            Outcome = cause == TlsCause.Ok ? TlsOutcome.Success : TlsOutcome.Failure,
            Cause = cause,
            Detail = detail,
            Protocol = protocol,
            Cipher = cipher,
            Trust = trust,
            Timestamp = Timestamp,
            QueueId = queueId,
            CauseLocation = new SourceLocation(File, Line),
            CauseText = LogText.Printable(message),
        };
    }
}
