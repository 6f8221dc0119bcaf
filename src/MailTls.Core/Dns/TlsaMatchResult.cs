namespace MailTls.Core.Dns;

/// <summary>The verdict on a TLSA RRset against a presented chain: overall and per record.</summary>
/// <param name="Outcome">What a DANE sender concludes.</param>
/// <param name="Records">One entry per record, in the RRset's order.</param>
public sealed record TlsaMatchResult(TlsaOutcome Outcome, IReadOnlyList<TlsaRecordMatch> Records);
