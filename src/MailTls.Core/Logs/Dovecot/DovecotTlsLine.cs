using MailTls.Core.Logs.Sendmail;

namespace MailTls.Core.Logs.Dovecot;

/// <summary>
/// NAME
///   DovecotTlsLine - read Dovecot login processes' TLS handshake failures
/// SUMMARY
///   <c>imap-login: Disconnected (no auth attempts in 0 secs): user=&lt;&gt;, rip=A, lip=B, TLS handshaking: SSL_accept() failed: REASON, session=&lt;...&gt;</c>
///   (2.2) and <c>imap-login: Disconnected: Connection closed: SSL_accept() failed: REASON (no auth attempts ...): user=&lt;&gt;, rip=A, ...</c>
///   (2.3). Successful logins do not log the protocol, so only failures become events.
/// DIAGNOSTICS
///   Returns <see cref="ParseStatus.Invalid"/> for other lines. Never throws.
/// </summary>
internal static class DovecotTlsLine
{
    /// <summary>Turns one Dovecot message into an event, when it reports a failed handshake.</summary>
    public static ParseStatus TryRead(ReadOnlySpan<char> message, LineContext context, out TlsEvent? tlsEvent)
    {
        tlsEvent = null;
        const string Accept = "SSL_accept() failed: ";
        var accept = message.IndexOf(Accept, StringComparison.Ordinal);
        var handshaking = message.IndexOf("TLS handshaking", StringComparison.Ordinal);
        if (accept < 0 && handshaking < 0)
        {
            return ParseStatus.Invalid;
        }

        var ip = Field(message, "rip=");
        TlsCause cause;
        string detail;
        if (accept >= 0)
        {
            var reason = message[(accept + Accept.Length)..];
            var end = reason.IndexOf(", session=", StringComparison.Ordinal);
            cause = SendmailTlsLine.ReasonCause(end < 0 ? reason : reason[..end], TlsDirection.Inbound, out detail);
        }
        else
        {
            // "TLS handshaking: Disconnected" / "Connection closed": the client left mid-handshake.
            var tail = message[(handshaking + "TLS handshaking".Length)..].TrimStart(':').Trim();
            var end = tail.IndexOf(',');
            var what = end < 0 ? tail : tail[..end];
            cause = what.Contains("Disconnected", StringComparison.Ordinal) || what.Contains("Connection closed", StringComparison.Ordinal)
                ? TlsCause.PeerClosedDuringHandshake
                : TlsCause.Unknown;
            detail = $"TLS handshaking: {what}";
        }

        tlsEvent = context.Event(MailTransferAgent.Dovecot, TlsDirection.Inbound, default, ip, cause, detail, message);
        return ParseStatus.Done;
    }

    private static ReadOnlySpan<char> Field(ReadOnlySpan<char> text, ReadOnlySpan<char> name)
    {
        var at = text.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
        {
            return default;
        }

        var value = text[(at + name.Length)..];
        var end = value.IndexOfAny(',', ' ');
        return end < 0 ? value : value[..end];
    }
}
