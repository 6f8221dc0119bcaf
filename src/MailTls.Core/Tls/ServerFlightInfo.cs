using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>
/// What a server sent in answer to one ClientHello, up to the point where a probe can stop:
/// ServerHelloDone (TLS 1.2 and earlier), the ServerHello (TLS 1.3: the rest is encrypted),
/// a HelloRetryRequest, or an alert.
/// </summary>
public sealed record ServerFlightInfo
{
    /// <summary>The ServerHello or HelloRetryRequest, null when the server answered with an alert first.</summary>
    public ServerHelloInfo? ServerHello { get; init; }

    /// <summary>DER certificates from the Certificate message (TLS 1.2 and earlier), leaf first as sent.</summary>
    public ImmutableArray<ImmutableArray<byte>> Certificates { get; init; } = [];

    /// <summary>The ServerKeyExchange parameters, when sent.</summary>
    public ServerKeyExchangeInfo? ServerKeyExchange { get; init; }

    /// <summary>True when the server asked for a client certificate (CertificateRequest).</summary>
    public bool CertificateRequested { get; init; }

    /// <summary>True when the server sent OCSP stapling (CertificateStatus).</summary>
    public bool CertificateStatusSent { get; init; }

    /// <summary>True when ServerHelloDone was read.</summary>
    public bool ServerHelloDone { get; init; }

    /// <summary>The fatal alert (or close_notify) that ended the flight, if any.</summary>
    public TlsAlert? Alert { get; init; }

    /// <summary>
    /// Warning alerts the server sent and then carried on, such as unrecognized_name(112) for an SNI
    /// it does not know (RFC 6066 section 3), which older OpenSSL-based servers send before the ServerHello.
    /// </summary>
    public ImmutableArray<TlsAlert> WarningAlerts { get; init; } = [];
}
