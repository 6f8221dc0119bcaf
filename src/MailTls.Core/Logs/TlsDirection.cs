using System.Text.Json.Serialization;

namespace MailTls.Core.Logs;

/// <summary>Which way the TLS attempt went, seen from the MTA that logged it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TlsDirection>))]
public enum TlsDirection
{
    /// <summary>A peer connected to us (smtpd, postscreen/tlsproxy, Sendmail server, Exim receiving).</summary>
    [JsonStringEnumMemberName("inbound")]
    Inbound,

    /// <summary>We connected to a peer (smtp, lmtp, Sendmail client, Exim delivering).</summary>
    [JsonStringEnumMemberName("outbound")]
    Outbound,

    /// <summary>No peer: the MTA's own TLS setup, reported when a process starts.</summary>
    [JsonStringEnumMemberName("startup")]
    Startup,
}
