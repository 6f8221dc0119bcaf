namespace MailTls.Core.Dns;

/// <summary>The mail hosts of a domain, in the order a sender tries them, and how they were found.</summary>
/// <param name="Domain">The mail domain, fully qualified.</param>
/// <param name="Kind">Whether MX records, a null MX or the implicit MX applied.</param>
/// <param name="Hosts">The hosts by ascending preference; the domain itself for an implicit MX; empty otherwise.</param>
/// <param name="Mx">The MX answer the decision rests on.</param>
/// <param name="Addresses">The domain's own A and AAAA answers when there was no MX; empty otherwise.</param>
public sealed record MxResolution(
    string Domain,
    MxResolutionKind Kind,
    IReadOnlyList<MxHost> Hosts,
    DnsAnswer<MxHost> Mx,
    IReadOnlyList<DnsAnswer<System.Net.IPAddress>> Addresses);
