using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>An SSL 2.0 SERVER-HELLO: proof that the server speaks SSLv2 (DROWN).</summary>
/// <param name="ServerVersion">SERVER-VERSION (0x0002 for SSL 2.0).</param>
/// <param name="SessionIdHit">True when the server resumed a session.</param>
/// <param name="CertificateType">CERTIFICATE-TYPE (1 = X.509).</param>
/// <param name="Certificate">The DER certificate, copied.</param>
/// <param name="CipherSpecs">The SSLv2 cipher kinds the server supports (3-byte values).</param>
public sealed record SslV2ServerHelloInfo(
    ushort ServerVersion,
    bool SessionIdHit,
    byte CertificateType,
    ImmutableArray<byte> Certificate,
    ImmutableArray<int> CipherSpecs);
