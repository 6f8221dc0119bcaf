using MailTls.Core.Dns;
using MailTls.Core.Evidence;

namespace MailTls.Diagnosis;

/// <summary>
/// Everything the collectors gathered for one run. Checks read it; nothing here does I/O.
/// Each capability adds its own typed evidence property.
/// </summary>
public sealed record EvidenceSet
{
    /// <summary>Collector steps that failed, so the report can say what it could not see.</summary>
    public IReadOnlyList<ProbeFailure> SourceFailures { get; init; } = [];

    /// <summary>TLSA RRsets with the chains served or about to be deployed, one per SMTP service.</summary>
    public IReadOnlyList<TlsaEvidence> Tlsa { get; init; } = [];
}
