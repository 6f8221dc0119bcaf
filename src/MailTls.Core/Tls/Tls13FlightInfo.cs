using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>
/// What <see cref="Tls13FlightReader"/> read of a server's TLS 1.3 answer: a HelloRetryRequest, an
/// alert, a ServerHello of another version, or the decrypted flight up to CertificateVerify.
/// </summary>
public sealed record Tls13FlightInfo
{
    /// <summary>The ServerHello (or the HelloRetryRequest when <see cref="ServerHelloInfo.IsHelloRetryRequest"/>), null when an alert came first.</summary>
    public ServerHelloInfo? ServerHello { get; init; }

    /// <summary>The alert that ended the flight, if any (in plaintext or decrypted).</summary>
    public TlsAlert? Alert { get; init; }

    /// <summary>True when the server answered a HelloRetryRequest first and this flight answers the second ClientHello.</summary>
    public bool Retried { get; init; }

    /// <summary>The extensions of EncryptedExtensions, in wire order.</summary>
    public ImmutableArray<TlsExtensionInfo> EncryptedExtensions { get; init; } = [];

    /// <summary>True when the server asked for a client certificate (CertificateRequest).</summary>
    public bool CertificateRequested { get; init; }

    /// <summary>DER certificates from the decrypted Certificate message, leaf first as sent.</summary>
    public ImmutableArray<ImmutableArray<byte>> Certificates { get; init; } = [];

    /// <summary>The scheme of CertificateVerify: the key type and hash the server signed with.</summary>
    public TlsSignatureScheme? SignatureScheme { get; init; }

    /// <summary>True when the flight was decrypted up to CertificateVerify.</summary>
    public bool Complete => SignatureScheme is not null;
}
