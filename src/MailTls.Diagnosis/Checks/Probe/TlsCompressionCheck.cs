using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>The server chose DEFLATE when the probe offered it (CRIME).</summary>
public sealed class TlsCompressionCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes.Where(p => p.CompressionAccepted == true))
        {
            yield return FindingCatalogue.TlsCompressionEnabled.Raise(
                $"{probe.Target} chose DEFLATE compression when offered it, which leaks secrets through compressed lengths (CRIME).",
                [ProbeText.Fact(probe, "ServerHello compression_method = 1 (DEFLATE)")],
                new Remediation("Turn TLS compression off.", ["postconf -e 'tls_ssl_options = NO_COMPRESSION'", "postfix reload"]),
                affected: [probe.Target]);
        }
    }
}
