namespace MailTls.Core.Probe;

/// <summary>
/// Session resumption as the server really does it: a first connection completes a handshake with
/// mailtls's own client, a second one offers what the first got (RFC 5246 section 7.3 session id,
/// RFC 5077 ticket, RFC 8446 section 2.2 PSK) and the ServerHello tells whether it resumed.
/// </summary>
public sealed record ResumptionSupport
{
    /// <summary>TLS 1.2: a hello offering the session id of the first handshake (and no ticket) is resumed.</summary>
    public required ResumptionVerdict SessionId { get; init; }

    /// <summary>TLS 1.2: a hello offering the ticket of the first handshake (RFC 5077) is resumed.</summary>
    public required ResumptionVerdict Ticket { get; init; }

    /// <summary>TLS 1.3: a hello offering the ticket of the first handshake as a PSK is resumed (the ServerHello carries pre_shared_key).</summary>
    public required ResumptionVerdict Tls13Psk { get; init; }

    /// <summary>True when no tested mechanism resumed and at least one was tested to the end.</summary>
    public bool NeverResumes =>
        SessionId.Resumed != true && Ticket.Resumed != true && Tls13Psk.Resumed != true
        && (SessionId.Resumed == false || Ticket.Resumed == false || Tls13Psk.Resumed == false);
}
