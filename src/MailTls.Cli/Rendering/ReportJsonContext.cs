using System.Text.Json.Serialization;
using MailTls.Diagnosis;

namespace MailTls.Cli.Rendering;

/// <summary>Source-generated JSON for reports: no reflection, trimming-safe, schema-stable names.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Report))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
