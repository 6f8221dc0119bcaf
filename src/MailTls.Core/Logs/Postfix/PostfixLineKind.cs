namespace MailTls.Core.Logs.Postfix;

/// <summary>What one Postfix log message says about a TLS session.</summary>
internal enum PostfixLineKind
{
    /// <summary>Nothing TLS-related or session-delimiting.</summary>
    Other,

    /// <summary><c>connect from H[A]</c> (smtpd) or <c>CONNECT from [A]:P</c> (postscreen): a new inbound session.</summary>
    Connect,

    /// <summary><c>disconnect from H[A] ... starttls=N/M ...</c>: the inbound session ended.</summary>
    Disconnect,

    /// <summary><c>setting up TLS connection from|to H[A]</c>.</summary>
    SetupTls,

    /// <summary><c>SSL_accept error from H[A]: -1</c> or <c>SSL_connect error to H[A]:P: ...</c>.</summary>
    HandshakeError,

    /// <summary><c>warning: TLS library problem: ...error:...</c>.</summary>
    LibraryProblem,

    /// <summary><c>lost connection after STARTTLS from H[A]</c>.</summary>
    LostAfterStartTls,

    /// <summary><c>timeout after STARTTLS from H[A]</c>.</summary>
    TimeoutAfterStartTls,

    /// <summary><c>LABEL TLS connection established|reused from|to H[A]: PROTO with cipher NAME (...)</c>.</summary>
    Established,

    /// <summary><c>[server|client] certificate verification failed for H[A]: REASON</c>.</summary>
    VerificationFailed,

    /// <summary>An SSL state-machine alert line, <c>SSL3 alert read|write:fatal:DESCRIPTION</c> (TLS log level 2+).</summary>
    Alert,

    /// <summary>A delivery status (<c>QUEUEID: to=..., relay=..., status=...</c>) or another outbound policy message.</summary>
    PolicyOutcome,

    /// <summary>A problem with our own certificate, key or TLS settings logged when a process starts.</summary>
    StartupError,

    /// <summary>Inbound: the client must issue STARTTLS first, or its certificate was refused.</summary>
    InboundPolicy,

    /// <summary>
    /// A detail line that starts with the peer: <c>H[A]:P: depth=0 verify=1 subject=...</c>,
    /// <c>subjectAltName: ...</c>, <c>TLS cipher list "..."</c>, <c>Matched DANE EE certificate ...</c>.
    /// It belongs to the attempt but decides nothing.
    /// </summary>
    PeerDetail,

    /// <summary><c>QUEUEID: client=H[A]</c>: smtpd accepted a message in this session.</summary>
    MessageAccepted,
}
