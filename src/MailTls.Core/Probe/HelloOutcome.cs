using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>The server's answer to one raw ClientHello.</summary>
/// <param name="Kind">How it answered.</param>
/// <param name="Flight">What was read when the answer was a ServerHello, HelloRetryRequest or alert.</param>
/// <param name="Detail">A one-line description (the alert name, the parse error, the SMTP failure).</param>
/// <param name="Smtp">The SMTP conversation before the hello; null for implicit TLS connections that connected.</param>
public sealed record HelloOutcome(HelloOutcomeKind Kind, ServerFlightInfo? Flight, string Detail, SmtpEvidence? Smtp = null)
{
    /// <summary>The ServerHello or HelloRetryRequest, when the server sent one.</summary>
    public ServerHelloInfo? ServerHello => Flight?.ServerHello;

    /// <summary>True when the server picked a version and suite (ServerHello or HelloRetryRequest).</summary>
    public bool Accepted => Kind is HelloOutcomeKind.ServerHello or HelloOutcomeKind.HelloRetryRequest && ServerHello is not null;

    /// <summary>The fatal alert, when the answer was one.</summary>
    public TlsAlert? Alert => Flight?.Alert;
}
