using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailTls.Diagnosis.Findings;

/// <summary>Writes a <see cref="FindingId"/> as its bare string, as the report schema requires.</summary>
public sealed class FindingIdJsonConverter : JsonConverter<FindingId>
{
    /// <inheritdoc />
    public override FindingId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("a finding id must be a string"));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FindingId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
