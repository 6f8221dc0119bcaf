using MailTls.Core.Certificates;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;
using MailTls.Core.MtaSts;
using MailTls.Core.Postfix;
using MailTls.Core.Postfix.Outbound;
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

    /// <summary>The Postfix configuration, when one was read.</summary>
    public PostfixEvidence? Postfix { get; init; }

    /// <summary>The certificate/key pairs the server loads.</summary>
    public IReadOnlyList<CertificateSlot> Certificates { get; init; } = [];

    /// <summary>The DH parameter files the smtpd services load (smtpd_tls_dh1024_param_file).</summary>
    public IReadOnlyList<DhParameterFile> DhParameterFiles { get; init; } = [];

    /// <summary>How many trusted roots were available to judge chain completeness; 0 means unknown.</summary>
    public int TrustedRootCount { get; init; }

    /// <summary>The tables smtp_tls_policy_maps names, read from their source files.</summary>
    public IReadOnlyList<LookupTable> PolicyTables { get; init; } = [];

    /// <summary>Outbound TLS decisions for the destinations asked about.</summary>
    public IReadOnlyList<PolicyEvaluation> OutboundPolicies { get; init; } = [];

    /// <summary>When the evidence was collected: the "now" for expiry, so diagnosis stays reproducible.</summary>
    public DateTimeOffset CollectedAt { get; init; }

    /// <summary>TLSA RRsets with the chains served or about to be deployed, one per SMTP service.</summary>
    public IReadOnlyList<TlsaEvidence> Tlsa { get; init; } = [];

    /// <summary>TLS attempts reconstructed from mail logs, one per session or start-up error.</summary>
    public IReadOnlyList<TlsEvent> TlsEvents { get; init; } = [];

    /// <summary>Messages accepted without TLS from organisations that had failed a TLS handshake just before.</summary>
    public IReadOnlyList<CleartextDelivery> CleartextDeliveries { get; init; } = [];

    /// <summary>
    /// The log failures already reduced while they streamed by (<c>mailtls logs</c> on large logs);
    /// when null, the checks reduce <see cref="TlsEvents"/> and <see cref="CleartextDeliveries"/>.
    /// </summary>
    public TlsEventDigest? TlsDigest { get; init; }

    /// <summary>The digest the log checks read: <see cref="TlsDigest"/>, or one built from the lists.</summary>
    internal TlsEventDigest LogDigest => TlsDigest
        ?? TlsEventDigest.From(TlsEvents, CleartextDeliveries, Checks.InboundCleartextFallbackCheck.RetryWindow);

    /// <summary>MTA-STS and TLS-RPT records, policies and MX hosts, one per mail domain.</summary>
    public IReadOnlyList<MtaStsEvidence> MtaSts { get; init; } = [];

    /// <summary>Live probes of SMTP servers (mailtls probe), one per address and port.</summary>
    public IReadOnlyList<MailTls.Core.Probe.TlsProbeResult> Probes { get; init; } = [];
}
