namespace MailTls.Core.Postfix;

/// <summary>The effective inbound TLS level of an smtpd service (smtpd(8), postconf(5) smtpd_tls_security_level).</summary>
public enum SmtpdTlsLevel
{
    /// <summary>No STARTTLS offered.</summary>
    None,

    /// <summary>STARTTLS offered; senders may continue without it (opportunistic).</summary>
    May,

    /// <summary>TLS required before mail is accepted (also the reading of fingerprint/verify/secure).</summary>
    Encrypt,

    /// <summary>A value smtpd refuses to start with ("Invalid TLS level").</summary>
    Invalid,
}
