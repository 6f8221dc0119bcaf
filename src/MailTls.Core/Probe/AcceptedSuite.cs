using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>A cipher suite the server chose for a protocol version, with what its key exchange revealed.</summary>
/// <param name="Suite">The suite (IANA code and name, OpenSSL name, properties).</param>
/// <param name="Group">The ECDHE curve (TLS 1.2 and older, from ServerKeyExchange) or the TLS 1.3 key-share group.</param>
/// <param name="DhPrimeBits">The size of the DHE prime (the "DH group size"), for DHE suites.</param>
public sealed record AcceptedSuite(CipherSuiteInfo Suite, TlsNamedGroup? Group = null, int? DhPrimeBits = null)
{
    /// <summary>The two-byte IANA code.</summary>
    public ushort Code => Suite.Code;
}
