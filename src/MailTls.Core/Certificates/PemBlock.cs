using MailTls.Core.Evidence;

namespace MailTls.Core.Certificates;

/// <summary>One <c>-----BEGIN LABEL-----</c> block of a PEM file.</summary>
/// <param name="Label">The label: CERTIFICATE, PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY, ...</param>
/// <param name="Der">The decoded bytes. For keys these stay in memory only and are never shown.</param>
/// <param name="Location">The file and the line of the BEGIN marker.</param>
public sealed record PemBlock(string Label, ReadOnlyMemory<byte> Der, SourceLocation Location)
{
    /// <summary>Whether the block holds a private key of any kind.</summary>
    public bool IsPrivateKey => Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal);

    /// <summary>Hides the key bytes from any accidental rendering.</summary>
    public override string ToString() => $"{Label} at {Location}";
}
