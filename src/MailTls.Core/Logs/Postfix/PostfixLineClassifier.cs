using System.Runtime.CompilerServices;
using MailTls.Core.OpenSsl;

namespace MailTls.Core.Logs.Postfix;

/// <summary>
/// NAME
///   PostfixLineClassifier - recognise the TLS-relevant messages of smtpd, smtp, lmtp, postscreen, tlsproxy and tlsmgr
/// SUMMARY
///   Takes the message part of a line (after <c>postfix/smtpd[pid]: </c>) and says what it reports,
///   with the peer and the facts it carries. Wording comes from the Postfix sources
///   (<c>tls_server.c</c>, <c>tls_client.c</c>, <c>tls_misc.c</c> <c>tls_log_summary()</c>,
///   <c>tls_certkey.c</c>, <c>smtpd.c</c>, <c>smtp_proto.c</c>), 2.x to 3.9.
/// DIAGNOSTICS
///   Unrecognised messages are <see cref="PostfixLineKind.Other"/>. Never throws, never allocates.
/// </summary>
internal static class PostfixLineClassifier
{
    private const string WarningPrefix = "warning: ";

    /// <summary>Classifies one message.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PostfixTlsLine Classify(ReadOnlySpan<char> message)
    {
        var line = default(PostfixTlsLine);
        var isWarning = message.StartsWith(WarningPrefix, StringComparison.Ordinal);
        var body = isWarning ? message[WarningPrefix.Length..] : message;

        // client= lines, a quarter of what reaches this point, are told apart before the policy
        // texts are searched for: a client= line never is a delivery status.
        if (TryConnectOrDisconnect(message, ref line)
            || TryEstablished(message, ref line)
            || TryHandshakeLines(message, ref line)
            || TryLibraryProblem(body, isWarning, ref line)
            || TryVerification(body, ref line)
            || TryAlert(message, ref line)
            || TryInboundPolicy(message, ref line)
            || TryStartup(body, isWarning, ref line)
            || TryMessageAccepted(message, ref line)
            || TryPolicyOutcome(message, ref line)
            || TryPeerDetail(message, ref line))
        {
            return line;
        }

        return default;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryConnectOrDisconnect(ReadOnlySpan<char> message, ref PostfixTlsLine line)
    {
        if (message.StartsWith("connect from ", StringComparison.Ordinal) || message.StartsWith("CONNECT from ", StringComparison.Ordinal))
        {
            line.Kind = PostfixLineKind.Connect;
            line.Outbound = false;
            return PeerEndpoint.TryRead(message["connect from ".Length..], out line.Host, out line.Ip, out _) || true;
        }

        if (message.StartsWith("disconnect from ", StringComparison.Ordinal) || message.StartsWith("DISCONNECT ", StringComparison.Ordinal))
        {
            line.Kind = PostfixLineKind.Disconnect;
            line.Outbound = false;
            var after = message[(message.IndexOf(' ') + 1)..];
            if (after.StartsWith("from ", StringComparison.Ordinal))
            {
                after = after["from ".Length..];
            }

            _ = PeerEndpoint.TryRead(after, out line.Host, out line.Ip, out _);

            // Postfix 3.0+ appends per-command counters "starttls=OK/TOTAL"; 0/1 means the command was
            // issued and failed (the reply, or the handshake after it).
            var counter = message.IndexOf(" starttls=", StringComparison.Ordinal);
            if (counter >= 0)
            {
                line.StartTlsAttempted = true;
                var value = message[(counter + " starttls=".Length)..];
                var slash = value.IndexOf('/');
                line.StartTlsFailed = slash > 0 && value[..slash] is "0";
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// <c>tls_log_summary()</c> (3.4+; earlier versions inline the same format):
    /// <c>LABEL TLS connection (established|reused) (from|to) H[A][:P][ to SNI]: PROTO with cipher NAME (USE/ALG bits)...</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryEstablished(ReadOnlySpan<char> message, ref PostfixTlsLine line)
    {
        var space = message.IndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        TlsTrust? trust = message[..space] switch
        {
            "Anonymous" => TlsTrust.Anonymous,
            "Untrusted" => TlsTrust.Untrusted,
            "Trusted" => TlsTrust.Trusted,
            "Verified" => TlsTrust.Verified,
            _ => null,
        };
        var rest = message[(space + 1)..];
        if (trust is null
            || !(rest.StartsWith("TLS connection established ", StringComparison.Ordinal)
                 || rest.StartsWith("TLS connection reused ", StringComparison.Ordinal)))
        {
            return false;
        }

        rest = rest[(rest.IndexOf("ed ", StringComparison.Ordinal) + "ed ".Length)..];
        bool outbound;
        if (rest.StartsWith("to ", StringComparison.Ordinal))
        {
            outbound = true;
        }
        else if (rest.StartsWith("from ", StringComparison.Ordinal))
        {
            outbound = false;
        }
        else
        {
            return false;
        }

        rest = rest[(rest.IndexOf(' ') + 1)..];
        if (!PeerEndpoint.TryRead(rest, out line.Host, out line.Ip, out var used))
        {
            return false;
        }

        line.Kind = PostfixLineKind.Established;
        line.Outbound = outbound;
        line.Trust = trust;
        line.Cause = TlsCause.Ok;
        var colon = rest[used..].IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0)
        {
            var facts = rest[(used + colon + 2)..];
            const string WithCipher = " with cipher ";
            var with = facts.IndexOf(WithCipher, StringComparison.Ordinal);
            if (with > 0)
            {
                line.Protocol = facts[..with];
                var cipher = facts[(with + WithCipher.Length)..];
                var end = cipher.IndexOf(' ');
                line.Cipher = end < 0 ? cipher : cipher[..end];
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryHandshakeLines(ReadOnlySpan<char> message, ref PostfixTlsLine line)
    {
        if (message.StartsWith("setting up TLS connection ", StringComparison.Ordinal))
        {
            var rest = message["setting up TLS connection ".Length..];
            line.Kind = PostfixLineKind.SetupTls;
            line.Outbound = rest.StartsWith("to ", StringComparison.Ordinal);
            _ = PeerEndpoint.TryRead(rest[(rest.IndexOf(' ') + 1)..], out line.Host, out line.Ip, out _);
            return true;
        }

        // tls_server_start()/tls_client_start(): "SSL_accept error from %s: %d" when OpenSSL queued an
        // error (the "TLS library problem" lines follow), "%m" for a system error, or "lost connection".
        var accept = message.StartsWith("SSL_accept error from ", StringComparison.Ordinal);
        if (accept || message.StartsWith("SSL_connect error to ", StringComparison.Ordinal))
        {
            var rest = message[(accept ? "SSL_accept error from ".Length : "SSL_connect error to ".Length)..];
            line.Kind = PostfixLineKind.HandshakeError;
            line.Outbound = !accept;
            if (PeerEndpoint.TryRead(rest, out line.Host, out line.Ip, out var used) && used + 2 <= rest.Length)
            {
                line.Reason = rest[(used + 2)..];
                line.Cause = line.Reason switch
                {
                    "lost connection" or "Connection reset by peer" => TlsCause.PeerClosedDuringHandshake,
                    "Connection timed out" or "timed out" => TlsCause.HandshakeTimeout,
                    _ => null,
                };
            }

            return true;
        }

        var lost = message.StartsWith("lost connection after STARTTLS from ", StringComparison.Ordinal);
        if (lost || message.StartsWith("timeout after STARTTLS from ", StringComparison.Ordinal))
        {
            line.Kind = lost ? PostfixLineKind.LostAfterStartTls : PostfixLineKind.TimeoutAfterStartTls;
            line.Outbound = false;
            line.Reason = message[..(message.IndexOf(" from ", StringComparison.Ordinal))];
            line.Cause = lost ? TlsCause.PeerClosedDuringHandshake : TlsCause.HandshakeTimeout;
            _ = PeerEndpoint.TryReadAfter(message, " from ", out line.Host, out line.Ip);
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryLibraryProblem(ReadOnlySpan<char> body, bool isWarning, ref PostfixTlsLine line)
    {
        if (!isWarning || !body.StartsWith("TLS library problem: ", StringComparison.Ordinal))
        {
            return false;
        }

        line.Kind = PostfixLineKind.LibraryProblem;
        var text = body["TLS library problem: ".Length..];
        if (OpenSslErrorParser.TryFind(text, out var error) == ParseStatus.Done)
        {
            line.Reason = error.Reason;
            line.Cause = OpenSslReasonTable.Find(error)?.Cause ?? TlsCause.Unknown;
        }
        else
        {
            line.Reason = text;
            line.Cause = TlsCause.Unknown;
        }

        return true;
    }

    /// <summary>
    /// <c>tls_log_verify_error()</c>: <c>[server |client ]certificate verification failed for H[A][:P]: REASON</c>,
    /// where REASON is <c>num=N:TEXT</c> (3.x), or <c>untrusted issuer /CN=...</c>, <c>self-signed certificate</c>,
    /// <c>certificate has expired</c>, <c>not trusted by local or TLSA policy</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryVerification(ReadOnlySpan<char> body, ref PostfixTlsLine line)
    {
        const string Marker = "certificate verification failed for ";
        var at = body.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || at > "server ".Length)
        {
            return false;
        }

        var client = body.StartsWith("client ", StringComparison.Ordinal);
        var rest = body[(at + Marker.Length)..];
        line.Kind = PostfixLineKind.VerificationFailed;
        line.Outbound = client ? false : null;
        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0)
        {
            _ = PeerEndpoint.TryRead(rest, out line.Host, out line.Ip, out _);
            line.Reason = rest[(colon + 2)..];
        }

        line.Cause = client ? TlsCause.ClientCertificateProblem : VerifyReasonCause(line.Reason);
        return true;
    }

    /// <summary>OpenSSL verify errors (<c>X509_V_ERR_*</c>, numbers stable since 0.9.8) and Postfix's own wording.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static TlsCause VerifyReasonCause(ReadOnlySpan<char> reason)
    {
        if (reason.Contains("hostname mismatch", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("num=62:", StringComparison.Ordinal))
        {
            return TlsCause.ServerCertNameMismatch;
        }

        if (reason.Contains("no matching DANE TLSA", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("num=65:", StringComparison.Ordinal))
        {
            return TlsCause.DaneTlsaMismatch;
        }

        if (reason.Contains("has expired", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("not yet valid", StringComparison.OrdinalIgnoreCase))
        {
            return TlsCause.CertExpired;
        }

        if (reason.Contains("issuer", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("self-signed", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("self signed", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("unable to verify", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("certificate revoked", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("not trusted", StringComparison.OrdinalIgnoreCase))
        {
            return TlsCause.ServerCertUntrusted;
        }

        return TlsCause.Unknown;
    }

    /// <summary>
    /// <c>tls_info_callback()</c> at TLS log level 2+: <c>SSL3 alert read:fatal:bad certificate</c> (the peer sent it)
    /// or <c>SSL3 alert write:fatal:handshake failure</c> (we sent it). Descriptions are OpenSSL's
    /// <c>SSL_alert_desc_string_long()</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryAlert(ReadOnlySpan<char> message, ref PostfixTlsLine line)
    {
        const string Read = "SSL3 alert read:";
        const string Write = "SSL3 alert write:";
        var received = message.StartsWith(Read, StringComparison.Ordinal);
        if (!received && !message.StartsWith(Write, StringComparison.Ordinal))
        {
            return false;
        }

        line.Kind = PostfixLineKind.Alert;
        var rest = message[(received ? Read.Length : Write.Length)..];
        var colon = rest.IndexOf(':');
        if (colon < 0 || !rest[..colon].SequenceEqual("fatal"))
        {
            return true;
        }

        line.Reason = rest[(colon + 1)..];
        var description = line.Reason;
        if (description.SequenceEqual("protocol version"))
        {
            line.Cause = TlsCause.ProtocolVersionMismatch;
        }
        else if (received && description.SequenceEqual("insufficient security"))
        {
            line.Cause = TlsCause.NoSharedCipher;
        }
        else if (received && (description.SequenceEqual("bad certificate") || description.SequenceEqual("unknown CA")
            || description.SequenceEqual("certificate unknown") || description.SequenceEqual("certificate expired")
            || description.SequenceEqual("unsupported certificate") || description.SequenceEqual("certificate revoked")))
        {
            line.Cause = TlsCause.PeerRejectedOurCertificate;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryInboundPolicy(ReadOnlySpan<char> message, ref PostfixTlsLine line)
    {
        // smtpd.c: the reply "530 5.7.0 Must issue a STARTTLS command first" is logged as a reject
        // when the client goes on without TLS at level encrypt.
        if (message.Contains("Must issue a STARTTLS command first", StringComparison.Ordinal))
        {
            line.Kind = PostfixLineKind.InboundPolicy;
            line.Outbound = false;
            line.Cause = TlsCause.TlsRequiredByUs;
            line.Reason = "Must issue a STARTTLS command first";
            _ = PeerEndpoint.TryReadAfter(message, " from ", out line.Host, out line.Ip);
            return true;
        }

        // smtpd.c with smtpd_tls_req_ccert: "NOQUEUE: abort: TLS from H[A]: Client certificate not trusted".
        var abort = message.IndexOf("abort: TLS from ", StringComparison.Ordinal);
        if (abort >= 0)
        {
            var rest = message[(abort + "abort: TLS from ".Length)..];
            line.Kind = PostfixLineKind.InboundPolicy;
            line.Outbound = false;
            line.Cause = TlsCause.ClientCertificateProblem;
            if (PeerEndpoint.TryRead(rest, out line.Host, out line.Ip, out var used) && used + 2 <= rest.Length)
            {
                line.Reason = rest[(used + 2)..];
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// Our own certificate, key and settings (<c>tls_certkey.c</c>, <c>tls_server.c</c>, <c>smtpd.c</c>):
    /// <c>cannot get RSA certificate from file "F": disabling TLS support</c>, <c>... private key ...</c>,
    /// <c>RSA private key in K does not match public key in C: disabling TLS support</c>,
    /// <c>No server certs available. TLS won't be enabled</c>, <c>Invalid TLS protocol list "L": disabling TLS support</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryStartup(ReadOnlySpan<char> body, bool isWarning, ref PostfixTlsLine line)
    {
        if (!isWarning)
        {
            return false;
        }

        if (body.Contains("disabling TLS support", StringComparison.Ordinal)
            || body.Contains("TLS won't be enabled", StringComparison.Ordinal)
            || body.StartsWith("cannot load ", StringComparison.Ordinal)
            || (body.StartsWith("cannot get ", StringComparison.Ordinal) && (body.Contains("certificate", StringComparison.Ordinal) || body.Contains("private key", StringComparison.Ordinal))))
        {
            line.Kind = PostfixLineKind.StartupError;
            line.Cause = TlsCause.LocalTlsConfigError;
            line.Reason = body;
            return true;
        }

        return false;
    }

    /// <summary>
    /// smtp(8)/lmtp(8) outcomes (<c>smtp_proto.c</c>, <c>smtp_connect.c</c>, <c>smtp_tls_policy.c</c>), in a
    /// delivery status (<c>QID: to=&lt;r&gt;, relay=H[A]:P, ..., status=deferred (TEXT)</c>) or a warning.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryPolicyOutcome(ReadOnlySpan<char> message, ref PostfixTlsLine line)
    {
        var cause = PolicyTextCause(message, out var failure, out var phrase);
        var relay = message.IndexOf(" relay=", StringComparison.Ordinal);
        var isStatus = relay > 0 && message.Contains(" status=", StringComparison.Ordinal);
        if (cause is null && !isStatus)
        {
            return false;
        }

        line.Kind = PostfixLineKind.PolicyOutcome;
        line.Outbound = true;
        line.Cause = cause;
        line.PolicyFailure = failure;
        line.Reason = phrase;
        if (isStatus)
        {
            var colon = message.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && IsQueueId(message[..colon]))
            {
                line.QueueId = message[..colon];
            }

            _ = PeerEndpoint.TryRead(message[(relay + " relay=".Length)..], out line.Host, out line.Ip, out _);
        }
        else
        {
            // "warning: H[A]:P: error setting cipher grade", "... was not offered by host H[A]", "TLSA lookup error for H:P".
            var body = message.StartsWith(WarningPrefix, StringComparison.Ordinal) ? message[WarningPrefix.Length..] : message;
            _ = PeerEndpoint.TryRead(body, out line.Host, out line.Ip, out _)
                || PeerEndpoint.TryReadAfter(message, " host ", out line.Host, out line.Ip)
                || PeerEndpoint.TryReadAfter(message, " for ", out line.Host, out line.Ip);
        }

        return true;
    }

    /// <summary><c>smtpd.c</c> logs <c>QUEUEID: client=H[A]</c> when the first recipient of a message is accepted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryMessageAccepted(ReadOnlySpan<char> message, ref PostfixTlsLine line)
    {
        const string Marker = ": client=";
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        if (at <= 0 || !IsQueueId(message[..at]))
        {
            return false;
        }

        line.Kind = PostfixLineKind.MessageAccepted;
        line.QueueId = message[..at];
        _ = PeerEndpoint.TryRead(message[(at + Marker.Length)..], out line.Host, out line.Ip, out _);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryPeerDetail(ReadOnlySpan<char> message, ref PostfixTlsLine line)
    {
        if (!PeerEndpoint.TryRead(message, out var host, out var ip, out var used) || used >= message.Length
            || !(message[used..].StartsWith(": ", StringComparison.Ordinal) || message[used..].StartsWith(" CommonName ", StringComparison.Ordinal)))
        {
            return false;
        }

        line.Kind = PostfixLineKind.PeerDetail;
        line.Host = host;
        line.Ip = ip;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TlsCause? PolicyTextCause(ReadOnlySpan<char> message, out bool failure, out ReadOnlySpan<char> phrase)
    {
        failure = true;

        // One vectorised pass finds whether any phrase occurs; most lines have none.
        var first = message.IndexOfAny(PolicyPhraseSearch);
        if (first >= 0)
        {
            foreach (var (text, cause) in PolicyPhrases)
            {
                if (message[first..].StartsWith(text, StringComparison.Ordinal))
                {
                    var end = message[first..].IndexOfAny(')', ';');
                    phrase = end < 0 ? message[first..] : message.Slice(first, end);
                    return cause;
                }
            }
        }

        phrase = default;
        failure = false;
        return null;
    }

    private static readonly (string Text, TlsCause Cause)[] PolicyPhrases =
    [
        // The cause of "not verified" depends on the trust label and the verify detail; the session
        // decides it. Unknown here means "decided later".
        ("Server certificate not verified", TlsCause.Unknown),
        ("Server certificate not trusted", TlsCause.ServerCertUntrusted),
        ("TLS is required, but was not offered", TlsCause.TlsRequiredNotOffered),
        ("refused to start TLS", TlsCause.TlsRequiredNotOffered),
        ("TLS is required, but our TLS engine is unavailable", TlsCause.LocalTlsConfigError),
        ("client TLS configuration problem", TlsCause.LocalTlsConfigError),
        ("Invalid TLS protocol list", TlsCause.LocalTlsConfigError),
        ("invalid cipher grade", TlsCause.LocalTlsConfigError),
        ("error setting cipher grade", TlsCause.LocalTlsConfigError),
        ("TLSA lookup error", TlsCause.DaneLookupFailure),
        ("non DNSSEC destination", TlsCause.DaneLookupFailure),
        ("no TLSA records found", TlsCause.DaneLookupFailure),
        // dane-only with records that exist but none usable: neither a mismatch nor a lookup failure.
        ("TLSA records unusable", TlsCause.Unknown),
        ("Cannot start TLS: handshake failure", TlsCause.Unknown),
    ];

    private static readonly System.Buffers.SearchValues<string> PolicyPhraseSearch =
        System.Buffers.SearchValues.Create([.. PolicyPhrases.Select(p => p.Text)], StringComparison.Ordinal);

    /// <summary>Postfix queue ids: short hex (classic) or long base-52 ids (<c>enable_long_queue_ids</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsQueueId(ReadOnlySpan<char> text)
    {
        if (text.Length is < 5 or > 32)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
