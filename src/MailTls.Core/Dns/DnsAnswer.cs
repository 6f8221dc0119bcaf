using MailTls.Core.Evidence;

namespace MailTls.Core.Dns;

/// <summary>
/// The answer to one DNS question as a DANE or MTA-STS sender would see it: the records of the
/// asked type at the end of any CNAME chain, their DNSSEC status, and the smallest TTL.
/// An NXDOMAIN or an empty answer (NODATA) is an answer, not a failure; a SERVFAIL, REFUSED or
/// timeout is a failure, with <see cref="Failure"/> saying why.
/// </summary>
/// <typeparam name="T">The record data type: an address, a TXT string, an MX host, a TLSA record.</typeparam>
/// <param name="Name">The name asked for, fully qualified.</param>
/// <param name="RecordType">The type asked for, as its mnemonic (<c>MX</c>, <c>TLSA</c>).</param>
/// <param name="Status">How the query ended.</param>
/// <param name="Dnssec">The DNSSEC status of the whole answer, CNAMEs included.</param>
/// <param name="Records">The records of <paramref name="RecordType"/> at <see cref="CanonicalName"/>.</param>
/// <param name="CnameChain">Each CNAME target followed from <paramref name="Name"/>, in order; empty when there was none.</param>
/// <param name="Ttl">The smallest TTL in the answer, which bounds how long a sender may cache it.</param>
/// <param name="Server">The resolver asked, as <c>address:port</c>.</param>
/// <param name="Failure">Why no usable answer was obtained; null when one was.</param>
public sealed record DnsAnswer<T>(
    string Name,
    string RecordType,
    DnsResponseStatus Status,
    DnssecStatus Dnssec,
    IReadOnlyList<T> Records,
    IReadOnlyList<string> CnameChain,
    TimeSpan Ttl,
    string Server,
    ProbeFailure? Failure)
{
    /// <summary>Whether a response was obtained that says something about the name (NOERROR or NXDOMAIN).</summary>
    public bool Succeeded => Failure is null;

    /// <summary>The name the records belong to: the last CNAME target, or <see cref="Name"/>.</summary>
    public string CanonicalName => CnameChain.Count > 0 ? CnameChain[^1] : Name;
}
