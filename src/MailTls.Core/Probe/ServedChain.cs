using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>A certificate chain the server presented, for one key type.</summary>
public sealed record ServedChain
{
    /// <summary>The leaf's key type as a sender meets it: RSA, ECDSA, DSA, Ed25519 ...</summary>
    public required string KeyType { get; init; }

    /// <summary>How it was obtained, e.g. "TLSv1.2 ECDHE-ECDSA-AES256-GCM-SHA384 (raw hello)" or "TLSv1.3 handshake (OpenSSL)"; several joined by "; " when the same chain was read in several ways.</summary>
    public required string Source { get; init; }

    /// <summary>The protocol versions in whose answers this chain was read (TLS 1.3 separately from older versions, since servers choose the certificate per version and signature algorithm).</summary>
    public IReadOnlyList<TlsProtocolVersion> Versions { get; init; } = [];

    /// <summary>The certificates in the order sent, leaf first.</summary>
    public required IReadOnlyList<X509Certificate2> Certificates { get; init; }

    /// <summary>Whether a verifier with the trust anchors builds a valid chain.</summary>
    public ChainTrust Trust { get; init; }

    /// <summary>The verifier's complaints when untrusted (X509ChainStatus texts), or which anchors were used.</summary>
    public IReadOnlyList<string> TrustDetail { get; init; } = [];

    /// <summary>
    /// True when the verifier could not find the issuer of the last certificate sent (a missing
    /// intermediate): senders do not download intermediates, so they cannot build the chain.
    /// </summary>
    public bool IssuerMissing { get; init; }

    /// <summary>How many trust anchors the verdict used: -1 for the system trust store, 0 when not evaluated.</summary>
    public int TrustAnchorCount { get; init; }
}
