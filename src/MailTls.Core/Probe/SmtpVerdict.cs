namespace MailTls.Core.Probe;

/// <summary>How far an SMTP conversation got towards TLS, and why it stopped.</summary>
public enum SmtpVerdict
{
    /// <summary>TLS can start: STARTTLS was answered 220, or the port speaks TLS on connect.</summary>
    TlsReady,

    /// <summary>EHLO was answered 250 without STARTTLS: this server offers no TLS to this client.</summary>
    StartTlsNotOffered,

    /// <summary>STARTTLS was announced but answered with something other than 220.</summary>
    StartTlsRefused,

    /// <summary>EHLO was refused with a 5xx reply (a HELO-only server), so no extension can be offered.</summary>
    EhloRefused,

    /// <summary>
    /// The server turned this client away before TLS could be judged: a 421 or 554 greeting, a 421
    /// later on, or no reply within the deadline (tarpitting, a greeting delay longer than the
    /// deadline). "No STARTTLS" cannot be concluded.
    /// </summary>
    Blocked,

    /// <summary>The TCP connection could not be made (refused, unreachable, timed out).</summary>
    ConnectFailed,

    /// <summary>The server closed the connection or sent something that is not SMTP.</summary>
    ProtocolError,
}
