namespace MailTls.Core.Logs;

/// <summary>The shape of the timestamp and header that precede a log message.</summary>
internal enum LogPrefixFormat
{
    /// <summary>No timestamp: the line starts with the tag (<c>postfix/smtpd[123]:</c>) or a host and the tag.</summary>
    None,

    /// <summary>RFC 3164 / BSD syslog: <c>Dec 19 11:09:11 host prog[pid]:</c>, no year, no zone.</summary>
    Bsd,

    /// <summary>
    /// An RFC 3339 timestamp before the host (rsyslog high precision, <c>journalctl -o short-iso</c>,
    /// whose offsets have no colon).
    /// </summary>
    Rfc3339,

    /// <summary>RFC 5424: <c>&lt;PRI&gt;1 TIMESTAMP HOST APP PROCID MSGID SD MSG</c>.</summary>
    Rfc5424,

    /// <summary>Exim's own main log: <c>YYYY-MM-DD HH:MM:SS [pid] message</c>, with no host or tag.</summary>
    EximMainLog,
}
