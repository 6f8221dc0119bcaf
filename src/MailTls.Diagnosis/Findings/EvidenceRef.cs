using System.Text.Json.Serialization;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;

namespace MailTls.Diagnosis.Findings;

/// <summary>
/// One piece of evidence a finding cites, in a form a reader can check for themselves.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(LogLineEvidence), "log-line")]
[JsonDerivedType(typeof(ConfigLineEvidence), "config-line")]
[JsonDerivedType(typeof(HandshakeEvidence), "handshake")]
[JsonDerivedType(typeof(DnsEvidence), "dns")]
[JsonDerivedType(typeof(SourceEvidence), "source")]
public abstract record EvidenceRef
{
    /// <summary>A one-line rendering for terminals and summaries.</summary>
    public abstract string Describe();
}

/// <summary>A log line, quoted as written, with where it was read.</summary>
/// <param name="Location">File and 1-based line.</param>
/// <param name="Text">The line, with non-printable characters replaced.</param>
public sealed record LogLineEvidence(SourceLocation Location, string Text) : EvidenceRef
{
    /// <inheritdoc />
    public override string Describe() => $"{Location}: {Text}";
}

/// <summary>A configuration line (main.cf, master.cf, a policy table) with where it was read.</summary>
/// <param name="Location">File and 1-based line.</param>
/// <param name="Text">The line as written.</param>
/// <param name="Parameter">The parameter it sets, when there is one.</param>
public sealed record ConfigLineEvidence(SourceLocation Location, string Text, string? Parameter = null) : EvidenceRef
{
    /// <inheritdoc />
    public override string Describe() => $"{Location}: {Text}";
}

/// <summary>A fact observed during a live SMTP/TLS exchange.</summary>
/// <param name="Target">The server, as <c>host[ip]:port</c>.</param>
/// <param name="Fact">What was seen, e.g. "accepts only TLSv1.2".</param>
public sealed record HandshakeEvidence(string Target, string Fact) : EvidenceRef
{
    /// <inheritdoc />
    public override string Describe() => $"{Target}: {Fact}";
}

/// <summary>A DNS answer, with its DNSSEC standing where known.</summary>
/// <param name="Name">The owner name queried.</param>
/// <param name="RecordType">MX, TLSA, TXT, ...</param>
/// <param name="Fact">The answer or its absence, in zone-file form.</param>
/// <param name="Dnssec">The DNSSEC status of the answer.</param>
public sealed record DnsEvidence(string Name, string RecordType, string Fact, DnssecStatus? Dnssec = null) : EvidenceRef
{
    /// <inheritdoc />
    public override string Describe() => Dnssec is { } status
        ? $"{Name} {RecordType}: {Fact} (DNSSEC: {status.ToString().ToLowerInvariant()})"
        : $"{Name} {RecordType}: {Fact}";
}

/// <summary>A statement about an evidence source itself (unreadable, timed out, skipped).</summary>
/// <param name="Source">The file, program or server concerned.</param>
/// <param name="Fact">What happened when it was read.</param>
public sealed record SourceEvidence(string Source, string Fact) : EvidenceRef
{
    /// <inheritdoc />
    public override string Describe() => $"{Source}: {Fact}";
}
