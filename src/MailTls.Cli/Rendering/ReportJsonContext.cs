using System.Text.Json.Serialization;
using MailTls.Diagnosis;
using MailTls.Diagnosis.Findings;

namespace MailTls.Cli.Rendering;

/// <summary>
/// Source-generated JSON for reports: no reflection, trimming-safe, schema-stable names. Reports are
/// written by generated code directly (serialization mode), which spares each run the contract
/// metadata of every type in the report, most of the time of a small <c>mailtls logs --json</c>.
/// Only evidence needs metadata: its <c>kind</c> discriminator is written by the polymorphic
/// converter, which the generated writer cannot do.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(Report))]
[JsonSerializable(typeof(EvidenceRef), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(LogLineEvidence), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ConfigLineEvidence), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(HandshakeEvidence), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(DnsEvidence), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(SourceEvidence), GenerationMode = JsonSourceGenerationMode.Metadata)]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
