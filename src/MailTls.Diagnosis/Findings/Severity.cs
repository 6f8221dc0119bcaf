using System.Text.Json.Serialization;

namespace MailTls.Diagnosis.Findings;

/// <summary>How much a finding matters; the order is used by <c>--fail-on</c> and ranking.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Worth knowing; no mail is affected.</summary>
    [JsonStringEnumMemberName("info")]
    Info = 0,

    /// <summary>Mail may be affected, or will be under conditions that are likely to occur.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning = 1,

    /// <summary>Mail is bounced, deferred or sent without the protection the operator asked for.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical = 2,
}
