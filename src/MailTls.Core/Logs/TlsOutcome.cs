using System.Text.Json.Serialization;

namespace MailTls.Core.Logs;

/// <summary>Whether the attempt ended with a usable TLS session.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TlsOutcome>))]
public enum TlsOutcome
{
    /// <summary>The handshake completed and the session was not rejected by our policy.</summary>
    [JsonStringEnumMemberName("success")]
    Success,

    /// <summary>The handshake failed, or our policy rejected the session that resulted.</summary>
    [JsonStringEnumMemberName("failure")]
    Failure,
}
