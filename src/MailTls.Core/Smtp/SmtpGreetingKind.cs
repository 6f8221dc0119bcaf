namespace MailTls.Core.Smtp;

/// <summary>What the server's greeting (banner) means for a probe (RFC 5321 section 4.3.2).</summary>
public enum SmtpGreetingKind
{
    /// <summary>220: the server is ready.</summary>
    Ready,

    /// <summary>421: service not available now, often rate limiting or a blocklist; a probe result of "blocked", not "no STARTTLS".</summary>
    ServiceUnavailable,

    /// <summary>554: the server refuses this client for the whole session (RFC 5321 section 3.1).</summary>
    NoService,

    /// <summary>Any other code: a protocol violation.</summary>
    Unexpected,
}
