namespace MailTls.Core.Tls;

/// <summary>The key exchange parameters a TLS 1.2-or-earlier server chose, from its ServerKeyExchange.</summary>
/// <param name="KeyExchange">Dhe, Ecdhe, or Rsa (temporary export RSA key).</param>
/// <param name="NamedGroup">The ECDHE curve, null for DHE and RSA.</param>
/// <param name="PrimeBits">DHE: bit length of p (the "DH group size" of Logjam findings); export RSA: modulus bits; 0 for ECDHE.</param>
/// <param name="PublicKeyLength">Length in bytes of the server's public value (Ys or the EC point).</param>
/// <param name="SignatureScheme">TLS 1.2 signature algorithm, null before TLS 1.2 or for anonymous suites.</param>
/// <param name="SignatureLength">Length of the signature in bytes, 0 for anonymous suites.</param>
public sealed record ServerKeyExchangeInfo(
    KeyExchangeAlgorithm KeyExchange,
    TlsNamedGroup? NamedGroup,
    int PrimeBits,
    int PublicKeyLength,
    TlsSignatureScheme? SignatureScheme,
    int SignatureLength)
{
    /// <summary>The server's ECDHE public point (RFC 8422 section 5.4), for a client that completes the key exchange; empty for other key exchanges.</summary>
    public System.Collections.Immutable.ImmutableArray<byte> EcPoint { get; init; } = [];
}
