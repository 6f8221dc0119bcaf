using System.Text.Json.Serialization;

namespace MailTls.Cli.Rendering;

/// <summary>Source-generated JSON for <c>--events</c>: one compact object per line (JSON Lines).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TlsEventRecord))]
internal sealed partial class TlsEventJsonContext : JsonSerializerContext;
