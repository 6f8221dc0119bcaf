using System.Net.Security;
using System.Security.Authentication;

namespace MailTls.IntegrationTests.Fixtures;

/// What a finished handshake negotiated, copied out before the stream is closed.
internal sealed record TlsSessionFacts(SslProtocols Protocol, TlsCipherSuite CipherSuite, string? ServerThumbprint)
{
    public static TlsSessionFacts From(SslStream tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return new TlsSessionFacts(tls.SslProtocol, tls.NegotiatedCipherSuite, tls.RemoteCertificate?.GetCertHashString());
    }
}
