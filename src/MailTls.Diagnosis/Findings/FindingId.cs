using System.Text.Json.Serialization;

namespace MailTls.Diagnosis.Findings;

/// <summary>
/// A stable finding identifier such as <c>inbound-protocol-floor</c>. Identifiers are documented in
/// <c>docs/findings.md</c> and are never reused for another meaning.
/// </summary>
[JsonConverter(typeof(FindingIdJsonConverter))]
public readonly record struct FindingId
{
    /// <summary>Creates an id; it must be lowercase words joined by single hyphens.</summary>
    /// <param name="value">The id text.</param>
    public FindingId(string value)
    {
        if (!IsWellFormed(value))
        {
            throw new ArgumentException($"'{value}' is not a finding id (lowercase words joined by '-').", nameof(value));
        }

        Value = value;
    }

    /// <summary>The id text, also the anchor in <c>docs/findings.md</c>.</summary>
    public string Value { get; }

    /// <summary>The documentation link for this id, relative to the repository root.</summary>
    public string DocumentationLink => $"docs/findings.md#{Value}";

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool IsWellFormed(string? value)
    {
        if (string.IsNullOrEmpty(value) || value[0] == '-' || value[^1] == '-' || value.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
