using System.Text.Json.Serialization;

namespace MailTls.Core.Dns;

/// <summary>
/// The DNSSEC standing of a DNS answer, in RFC 4035 section 4.3 terms.
/// An AD bit from a resolver we cannot vouch for is <see cref="Indeterminate"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DnssecStatus>))]
public enum DnssecStatus
{
    /// <summary>The answer validated up to a trust anchor.</summary>
    [JsonStringEnumMemberName("secure")]
    Secure,

    /// <summary>The answer is provably unsigned (an insecure delegation).</summary>
    [JsonStringEnumMemberName("insecure")]
    Insecure,

    /// <summary>Signatures were present but did not validate.</summary>
    [JsonStringEnumMemberName("bogus")]
    Bogus,

    /// <summary>The status could not be determined.</summary>
    [JsonStringEnumMemberName("indeterminate")]
    Indeterminate,
}
