using System.Text.Json.Serialization;

namespace MailTls.Core.Logs;

/// <summary>
/// Postfix's label on an established session (<c>tls_log_summary()</c>); other MTAs' verify
/// results are mapped onto it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TlsTrust>))]
public enum TlsTrust
{
    /// <summary>No peer certificate (anonymous suite, or the client sent none).</summary>
    [JsonStringEnumMemberName("anonymous")]
    Anonymous,

    /// <summary>A certificate was presented but its chain, name, DANE or fingerprint check failed.</summary>
    [JsonStringEnumMemberName("untrusted")]
    Untrusted,

    /// <summary>The chain verified; names were not checked (or only DANE at an insecure MX).</summary>
    [JsonStringEnumMemberName("trusted")]
    Trusted,

    /// <summary>The chain and the names required by policy verified.</summary>
    [JsonStringEnumMemberName("verified")]
    Verified,
}
