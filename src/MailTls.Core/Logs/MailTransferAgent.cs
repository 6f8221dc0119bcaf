using System.Text.Json.Serialization;

namespace MailTls.Core.Logs;

/// <summary>The program family that wrote a log line.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MailTransferAgent>))]
public enum MailTransferAgent
{
    /// <summary>Postfix (smtpd, smtp, lmtp, postscreen, tlsproxy, tlsmgr).</summary>
    [JsonStringEnumMemberName("postfix")]
    Postfix,

    /// <summary>Sendmail (<c>sendmail</c>, <c>sm-mta</c>).</summary>
    [JsonStringEnumMemberName("sendmail")]
    Sendmail,

    /// <summary>Exim.</summary>
    [JsonStringEnumMemberName("exim")]
    Exim,

    /// <summary>Dovecot (IMAP/POP3/submission logins): not an MTA, but the same admins read its log.</summary>
    [JsonStringEnumMemberName("dovecot")]
    Dovecot,
}
