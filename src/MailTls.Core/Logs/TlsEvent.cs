using MailTls.Core.Evidence;

namespace MailTls.Core.Logs;

/// <summary>
/// One TLS attempt reconstructed from a log: all the lines of one session (or one startup error)
/// reduced to a single outcome and cause.
/// </summary>
public sealed record TlsEvent
{
    /// <summary>The file and the 1-based line on which the event begins.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The program family that logged it.</summary>
    public required MailTransferAgent Mta { get; init; }

    /// <summary>The syslog tag of the process, e.g. <c>postfix/smtpd</c>.</summary>
    public required string Program { get; init; }

    /// <summary>Inbound, outbound or startup.</summary>
    public required TlsDirection Direction { get; init; }

    /// <summary>The peer, or <see cref="TlsPeer.None"/> for startup events.</summary>
    public required TlsPeer Peer { get; init; }

    /// <summary>Success or failure.</summary>
    public required TlsOutcome Outcome { get; init; }

    /// <summary>The cause code; <see cref="TlsCause.Ok"/> for successes.</summary>
    public required TlsCause Cause { get; init; }

    /// <summary>What refines the cause: the OpenSSL reason, the alert, the deferral text. Null for plain successes.</summary>
    public string? Detail { get; init; }

    /// <summary>The negotiated protocol (<c>TLSv1.2</c>), when the handshake got that far.</summary>
    public string? Protocol { get; init; }

    /// <summary>The negotiated cipher (OpenSSL name), when known.</summary>
    public string? Cipher { get; init; }

    /// <summary>The trust label of an established session, when logged.</summary>
    public TlsTrust? Trust { get; init; }

    /// <summary>When the first line was written, when the log says.</summary>
    public LogTimestamp? Timestamp { get; init; }

    /// <summary>The Postfix queue id or Sendmail/Exim message id of the delivery, for outbound events.</summary>
    public string? QueueId { get; init; }

    /// <summary>The line that decided the cause (file and line), so findings can quote it.</summary>
    public SourceLocation? CauseLocation { get; init; }

    /// <summary>The text of the deciding line (message part, non-printable characters replaced).</summary>
    public string? CauseText { get; init; }
}
