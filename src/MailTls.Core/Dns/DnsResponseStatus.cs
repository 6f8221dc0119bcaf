using System.Text.Json.Serialization;

namespace MailTls.Core.Dns;

/// <summary>
/// How a DNS query ended: the response code (RFC 1035 section 4.1.1, RFC 6895 section 2.3) when a
/// response arrived, or <see cref="NoResponse"/> when none did.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DnsResponseStatus>))]
public enum DnsResponseStatus
{
    /// <summary>NOERROR (0). The name exists; the answer may still be empty (NODATA).</summary>
    [JsonStringEnumMemberName("noerror")]
    NoError,

    /// <summary>NXDOMAIN (3): the name does not exist (RFC 8020: nor does anything below it).</summary>
    [JsonStringEnumMemberName("nxdomain")]
    NxDomain,

    /// <summary>SERVFAIL (2). From a validating resolver this is also how a bogus answer looks (RFC 4035 section 5.5).</summary>
    [JsonStringEnumMemberName("servfail")]
    ServerFailure,

    /// <summary>REFUSED (5): the resolver will not answer us (access control).</summary>
    [JsonStringEnumMemberName("refused")]
    Refused,

    /// <summary>Any other response code (FORMERR, NOTIMP, …).</summary>
    [JsonStringEnumMemberName("other")]
    OtherError,

    /// <summary>No response arrived before the deadline, or the resolver could not be reached.</summary>
    [JsonStringEnumMemberName("no-response")]
    NoResponse,
}
