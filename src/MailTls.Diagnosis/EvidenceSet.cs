using MailTls.Core.Evidence;
using MailTls.Core.Logs;

namespace MailTls.Diagnosis;

/// <summary>
/// Everything the collectors gathered for one run. Checks read it; nothing here does I/O.
/// Each capability adds its own typed evidence property.
/// </summary>
public sealed record EvidenceSet
{
    /// <summary>Collector steps that failed, so the report can say what it could not see.</summary>
    public IReadOnlyList<ProbeFailure> SourceFailures { get; init; } = [];

    /// <summary>TLS attempts reconstructed from mail logs, one per session or start-up error.</summary>
    public IReadOnlyList<TlsEvent> TlsEvents { get; init; } = [];

    /// <summary>Messages accepted without TLS from organisations that had failed a TLS handshake just before.</summary>
    public IReadOnlyList<CleartextDelivery> CleartextDeliveries { get; init; } = [];
}
