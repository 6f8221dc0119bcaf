namespace MailTls.Core.Dns;

/// <summary>How one TLSA record fared against a presented chain.</summary>
/// <param name="Record">The record.</param>
/// <param name="Verdict">Matched, not matched, or unusable.</param>
/// <param name="CandidateIndexes">
/// The chain positions (0 = leaf) the record may match: the leaf for DANE-EE(3), the certificates
/// above it for DANE-TA(2), none for an unusable record.
/// </param>
/// <param name="MatchedIndex">The chain position the record matched, when it did.</param>
public sealed record TlsaRecordMatch(
    TlsaRecord Record,
    TlsaRecordVerdict Verdict,
    IReadOnlyList<int> CandidateIndexes,
    int? MatchedIndex);
