using MailTls.Core.Evidence;
using MailTls.Core.Postfix;

namespace MailTls.Core.Certificates;

/// <summary>
/// What a server certificate file (with its key) holds and what is wrong with it, as a sender
/// would see the chain the server sends.
/// </summary>
public sealed record CertificateFileReport
{
    /// <summary>The certificates, in file order (OpenSSL sends them in this order).</summary>
    public IReadOnlyList<ChainCertificate> Chain { get; init; } = [];

    /// <summary>Unreadable blocks, private keys where certificates belong, and similar problems.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; init; } = [];

    /// <summary>The first certificate in the file: the one OpenSSL serves as the server's own.</summary>
    public ChainCertificate? Leaf => Chain.Count > 0 ? Chain[0] : null;

    /// <summary>Where the order is wrong: a certificate not followed by its issuer, or a CA first.</summary>
    public string? OrderProblem { get; init; }

    /// <summary>The self-issued root at the end of the chain, when the file includes one.</summary>
    public ChainCertificate? IncludedRoot { get; init; }

    /// <summary>The issuer that is neither in the file nor a trusted root, when the chain is incomplete.</summary>
    public string? MissingIssuer { get; init; }

    /// <summary>Whether the private key belongs to the leaf; null when no key could be compared.</summary>
    public bool? KeyMatches { get; init; }

    /// <summary>Where the key came from, for citations.</summary>
    public SourceLocation? KeyLocation { get; init; }
}
