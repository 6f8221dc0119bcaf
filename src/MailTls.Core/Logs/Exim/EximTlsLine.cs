using MailTls.Core.Logs.Sendmail;

namespace MailTls.Core.Logs.Exim;

/// <summary>
/// NAME
///   EximTlsLine - read Exim's TLS failures and the X=/CV= fields of deliveries
/// SUMMARY
///   Failures (<c>tls-openssl.c</c>, <c>tls-gnu.c</c>): <c>TLS error on connection from H (helo) [A]:P (SSL_accept): REASON</c>,
///   <c>[msgid ]TLS error on connection to H [A] (SSL_connect): REASON</c>, where REASON is an OpenSSL error
///   string or a GnuTLS message. Successes: <c>msgid &lt;= ... H=H [A] ... X=PROTO:CIPHER:BITS CV=yes|no|dane</c>
///   (received) and <c>msgid =&gt; ... H=H [A] X=... CV=...</c> (delivered).
/// DIAGNOSTICS
///   Returns <see cref="ParseStatus.Invalid"/> for other lines. Never throws.
/// </summary>
internal static class EximTlsLine
{
    private const string FailureMarker = "TLS error on connection ";

    /// <summary>Turns one Exim message into an event, when it reports a TLS attempt.</summary>
    public static ParseStatus TryRead(ReadOnlySpan<char> message, LineContext context, out TlsEvent? tlsEvent)
    {
        tlsEvent = null;
        var queueId = ReadMessageId(message, out var rest);
        var failure = rest.IndexOf(FailureMarker, StringComparison.Ordinal);
        if (failure >= 0)
        {
            rest = rest[(failure + FailureMarker.Length)..];
            var outbound = rest.StartsWith("to ", StringComparison.Ordinal);
            rest = rest[(rest.IndexOf(' ') + 1)..];
            ReadHostAndIp(rest, out var host, out var ip);
            var close = rest.IndexOf("): ", StringComparison.Ordinal);
            var reason = close < 0 ? default : rest[(close + 3)..];
            var direction = outbound ? TlsDirection.Outbound : TlsDirection.Inbound;
            var cause = ReasonCause(reason, direction);
            var detail = reason.IsEmpty ? "TLS error" : reason.ToString();
            if (reason.Contains("error:", StringComparison.Ordinal))
            {
                _ = SendmailTlsLine.ReasonCause(reason, direction, out detail);
            }

            tlsEvent = context.Event(MailTransferAgent.Exim, direction, host, ip, cause, detail, message, queueId: queueId);
            return ParseStatus.Done;
        }

        var received = rest.StartsWith("<= ", StringComparison.Ordinal);
        if (!received && !rest.StartsWith("=> ", StringComparison.Ordinal) && !rest.StartsWith("-> ", StringComparison.Ordinal))
        {
            return ParseStatus.Invalid;
        }

        var tls = Field(rest, " X=");
        if (tls.IsEmpty)
        {
            return ParseStatus.Invalid;
        }

        var hostField = rest.IndexOf(" H=", StringComparison.Ordinal);
        ReadOnlySpan<char> peerHost = default, peerIp = default;
        if (hostField >= 0)
        {
            ReadHostAndIp(rest[(hostField + " H=".Length)..], out peerHost, out peerIp);
        }

        // X=TLS1.3:TLS_AES_256_GCM_SHA384:256 (OpenSSL) or X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 (GnuTLS).
        var colon = tls.IndexOf(':');
        var protocol = colon < 0 ? tls : tls[..colon];
        var cipher = colon < 0 ? default : tls[(colon + 1)..];
        var bits = cipher.LastIndexOf(':');
        if (bits > 0)
        {
            cipher = cipher[..bits];
        }

        TlsTrust? trust = Field(rest, " CV=") switch
        {
            "yes" => TlsTrust.Trusted,
            "dane" => TlsTrust.Verified,
            "no" => TlsTrust.Untrusted,
            _ => null,
        };
        tlsEvent = context.Event(
            MailTransferAgent.Exim, received ? TlsDirection.Inbound : TlsDirection.Outbound, peerHost, peerIp, TlsCause.Ok, null, message,
            protocol.ToString(), cipher.IsEmpty ? null : cipher.ToString(), trust, queueId);
        return ParseStatus.Done;
    }

    /// <summary>OpenSSL error strings go through the OpenSSL table; GnuTLS messages (<c>gnutls_strerror()</c>) through their own.</summary>
    private static TlsCause ReasonCause(ReadOnlySpan<char> reason, TlsDirection direction)
    {
        if (reason.Contains("error:", StringComparison.Ordinal))
        {
            return SendmailTlsLine.ReasonCause(reason, direction);
        }

        foreach (var (text, cause) in GnuTlsMessages)
        {
            if (reason.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            {
                return cause;
            }
        }

        return SendmailTlsLine.ReasonCause(reason, direction);
    }

    // gnutls_strerror() texts (lib/errors.c) and Exim's own timeout wording.
    private static readonly (string Text, TlsCause Cause)[] GnuTlsMessages =
    [
        ("Could not negotiate a supported cipher suite", TlsCause.NoSharedCipher),
        ("No supported cipher suites have been found", TlsCause.NoSharedCipher),
        ("A packet with illegal or unsupported version was received", TlsCause.ProtocolVersionMismatch),
        ("An unexpected TLS packet was received", TlsCause.TlsModeMismatch),
        ("A TLS packet with unexpected length was received", TlsCause.TlsModeMismatch),
        ("The TLS connection was non-properly terminated", TlsCause.PeerClosedDuringHandshake),
        ("The peer did not send any certificate", TlsCause.ClientCertificateProblem),
        ("timed out", TlsCause.HandshakeTimeout),
        ("Connection reset by peer", TlsCause.PeerClosedDuringHandshake),
    ];

    /// <summary>Exim message ids: <c>1rAbCd-000123-AB</c> (4.97+: <c>1rAbCd-000000000123-ABCD</c>).</summary>
    private static string? ReadMessageId(ReadOnlySpan<char> message, out ReadOnlySpan<char> rest)
    {
        var space = message.IndexOf(' ');
        if (space is >= 16 and <= 23 && message[6] == '-' && message[..space].Count('-') == 2)
        {
            rest = message[(space + 1)..];
            return message[..space].ToString();
        }

        rest = message;
        return null;
    }

    /// <summary>Reads <c>name (helo) [address]:port</c>, <c>(helo) [address]</c> or <c>[address]</c>.</summary>
    private static void ReadHostAndIp(ReadOnlySpan<char> text, out ReadOnlySpan<char> host, out ReadOnlySpan<char> ip)
    {
        host = default;
        ip = default;
        var open = text.IndexOf('[');
        var close = open < 0 ? -1 : text[open..].IndexOf(']');
        if (close <= 1)
        {
            return;
        }

        ip = text.Slice(open + 1, close - 1);
        var before = text[..open].Trim();
        var space = before.IndexOf(' ');
        var name = space < 0 ? before : before[..space];
        if (!name.IsEmpty && name[0] != '(')
        {
            host = name;
        }
    }

    private static ReadOnlySpan<char> Field(ReadOnlySpan<char> text, ReadOnlySpan<char> name)
    {
        var at = text.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
        {
            return default;
        }

        var value = text[(at + name.Length)..];
        var end = value.IndexOf(' ');
        return end < 0 ? value : value[..end];
    }
}
