using System.Text.Json.Serialization;

namespace MailTls.Cli.Rendering;

/// <summary>
/// Source-generated JSON for <c>--events</c>: one compact object per line (JSON Lines), written by
/// generated code directly (serialization mode) rather than through contract metadata built at run time.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(TlsEventRecord))]
internal sealed partial class TlsEventJsonContext : JsonSerializerContext;
