using System.Text.Json.Serialization;

namespace MailTls.Cli.Rendering;

/// <summary>Source-generated JSON for <see cref="CipherListJson"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CipherListJson))]
internal sealed partial class CipherListJsonContext : JsonSerializerContext;
