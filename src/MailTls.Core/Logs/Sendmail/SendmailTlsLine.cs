using MailTls.Core.Evidence;
using MailTls.Core.OpenSsl;

namespace MailTls.Core.Logs.Sendmail;

/// <summary>
/// NAME
///   SendmailTlsLine - read Sendmail's STARTTLS lines
/// SUMMARY
///   Sendmail logs one line per TLS attempt (<c>sendmail/tls.c</c>, <c>srvrsmtp.c</c>, <c>usersmtp.c</c>):
///   <c>STARTTLS=server|client, relay=H [A], version=TLSv1.2, verify=OK, cipher=NAME, bits=256/256</c> on
///   success and <c>STARTTLS=server, error: accept failed=-1, reason=TEXT, SSL_error=1, errno=0, retry=-1, relay=H [A]</c>
///   (<c>connect failed</c> for the client) on failure. Each line is one event.
/// DIAGNOSTICS
///   Returns <see cref="ParseStatus.Invalid"/> for lines that are not STARTTLS outcomes. Never throws.
/// </summary>
internal static class SendmailTlsLine
{
    private const string ServerMarker = "STARTTLS=server, ";
    private const string ClientMarker = "STARTTLS=client, ";

    /// <summary>Turns one Sendmail message into an event, when it is a STARTTLS outcome.</summary>
    public static ParseStatus TryRead(
        ReadOnlySpan<char> message, string file, int lineNumber, string program, LogTimestamp? timestamp,
        Func<string?, string?> organisation, out TlsEvent? tlsEvent)
    {
        tlsEvent = null;
        var at = message.IndexOf("STARTTLS=", StringComparison.Ordinal);
        if (at < 0)
        {
            return ParseStatus.Invalid;
        }

        var rest = message[at..];
        var server = rest.StartsWith(ServerMarker, StringComparison.Ordinal);
        if (!server && !rest.StartsWith(ClientMarker, StringComparison.Ordinal))
        {
            return ParseStatus.Invalid;
        }

        rest = rest[ServerMarker.Length..];
        ReadOnlySpan<char> relay = default, version = default, verify = default, cipher = default, reason = default;
        var failed = false;
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf(", ", StringComparison.Ordinal);
            var field = comma < 0 ? rest : rest[..comma];
            rest = comma < 0 ? default : rest[(comma + 2)..];
            var equals = field.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var name = field[..equals];
            var value = field[(equals + 1)..];
            if (name.StartsWith("error: ", StringComparison.Ordinal))
            {
                failed = true;
            }
            else if (name.SequenceEqual("relay"))
            {
                relay = value;
            }
            else if (name.SequenceEqual("version"))
            {
                version = value;
            }
            else if (name.SequenceEqual("verify"))
            {
                verify = value;
            }
            else if (name.SequenceEqual("cipher"))
            {
                cipher = value;
            }
            else if (name.SequenceEqual("reason"))
            {
                reason = value;
            }
        }

        if (!failed && version.IsEmpty)
        {
            return ParseStatus.Invalid;
        }

        ReadRelay(relay, out var host, out var ip);
        var direction = server ? TlsDirection.Inbound : TlsDirection.Outbound;
        var cause = TlsCause.Ok;
        string? detail = null;
        if (failed)
        {
            cause = ReasonCause(reason, direction, out var reasonText);
            detail = reason.IsEmpty ? "handshake failed" : reasonText;
        }

        var hostText = host.IsEmpty ? null : host.TrimEnd('.').ToString();
        tlsEvent = new TlsEvent
        {
            Location = new SourceLocation(file, lineNumber),
            Mta = MailTransferAgent.Sendmail,
            Program = program,
            Direction = direction,
            Peer = new TlsPeer(hostText, ip.IsEmpty ? null : ip.ToString(), organisation(hostText)),
            Outcome = failed ? TlsOutcome.Failure : TlsOutcome.Success,
            Cause = cause,
            Detail = detail,
            Protocol = version.IsEmpty ? null : version.ToString(),
            Cipher = cipher.IsEmpty ? null : cipher.ToString(),
            Trust = failed ? null : Trust(verify),
            Timestamp = timestamp,
            CauseLocation = new SourceLocation(file, lineNumber),
            CauseText = LogText.Printable(message),
        };
        return ParseStatus.Done;
    }

    /// <summary>Maps an OpenSSL reason (bare text, or a full <c>error:</c> string) to its cause.</summary>
    internal static TlsCause ReasonCause(ReadOnlySpan<char> reason, TlsDirection direction) => ReasonCause(reason, direction, out _);

    /// <summary>Maps an OpenSSL reason to its cause, and gives the reason text alone as the detail.</summary>
    internal static TlsCause ReasonCause(ReadOnlySpan<char> reason, TlsDirection direction, out string detail)
    {
        OpenSslReason? entry;
        if (OpenSslErrorParser.TryFind(reason, out var error) == ParseStatus.Done)
        {
            entry = OpenSslReasonTable.Find(error);
            detail = error.Reason.IsEmpty ? reason.ToString() : error.Reason.ToString();
        }
        else
        {
            entry = OpenSslReasonTable.FindByText(reason);
            detail = reason.ToString();
        }

        var cause = entry?.Cause ?? TlsCause.Unknown;
        return cause == TlsCause.ServerCertUntrusted && direction == TlsDirection.Inbound ? TlsCause.ClientCertificateProblem : cause;
    }

    /// <summary>
    /// Sendmail's <c>verify=</c> (<c>tls.c</c> macro <c>{verify}</c>): OK verified, FAIL failed, NO no
    /// certificate presented, NOT not requested, NONE no STARTTLS; others are local errors.
    /// </summary>
    private static TlsTrust? Trust(ReadOnlySpan<char> verify) => verify switch
    {
        "OK" => TlsTrust.Trusted,
        "FAIL" => TlsTrust.Untrusted,
        "NO" or "NOT" => TlsTrust.Anonymous,
        _ => null,
    };

    /// <summary>Sendmail writes <c>relay=name [address]</c>, <c>relay=[address]</c> or <c>relay=name.</c>, sometimes followed by <c>(may be forged)</c>.</summary>
    private static void ReadRelay(ReadOnlySpan<char> relay, out ReadOnlySpan<char> host, out ReadOnlySpan<char> ip)
    {
        ip = default;
        var open = relay.IndexOf('[');
        if (open < 0)
        {
            var space = relay.IndexOf(' ');
            host = space < 0 ? relay : relay[..space];
            return;
        }

        host = relay[..open].Trim();
        var close = relay[open..].IndexOf(']');
        if (close > 1)
        {
            ip = relay.Slice(open + 1, close - 1);
        }
    }
}
