namespace MailTls.Core.MtaSts;

/// <summary>
/// The outcome of choosing and parsing the one policy-discovery TXT record at a name, as RFC 8461
/// section 3.1 (<c>_mta-sts</c>) and RFC 8460 section 3 (<c>_smtp._tls</c>) define it: records
/// not starting with the version tag are discarded; zero or several remaining records, or an
/// invalid one, mean senders act as if there were none.
/// </summary>
/// <typeparam name="T">The parsed record type.</typeparam>
/// <param name="Record">The record senders use, or null when they use none.</param>
/// <param name="Candidates">The TXT strings that started with the version tag.</param>
/// <param name="Problems">Every violation found; empty when the record is clean.</param>
public sealed record TxtRecordSelection<T>(T? Record, IReadOnlyList<string> Candidates, IReadOnlyList<MtaStsProblem> Problems)
    where T : class
{
    /// <summary>Whether no TXT string carried the version tag: the domain does not use the mechanism.</summary>
    public bool IsAbsent => Candidates.Count == 0;
}
