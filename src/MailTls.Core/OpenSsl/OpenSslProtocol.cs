namespace MailTls.Core.OpenSsl;

/// <summary>
/// The protocol class OpenSSL records for a suite: the lowest version it may be negotiated in
/// (<c>min_tls</c> from 1.1.0; the <c>algorithm_ssl</c> bit in 1.0.x, where SSLv3 and TLSv1 share one bit).
/// The <c>SSLv3</c>/<c>TLSv1</c>/<c>TLSv1.2</c> aliases select by this value only; they never limit the protocol negotiated.
/// </summary>
[Flags]
public enum OpenSslProtocol
{
    /// <summary>No protocol constraint (aliases only).</summary>
    None = 0,
    /// <summary>SSLv2 (1.0.x alias only; SSLv2 suites are not modelled).</summary>
    SslV2 = 1 << 0,
    /// <summary>SSLv3 (in 1.0.x also every TLSv1.0/1.1 suite).</summary>
    SslV3 = 1 << 1,
    /// <summary>TLSv1.0 (1.1.0+).</summary>
    TlsV1 = 1 << 2,
    /// <summary>TLSv1.1 (no suite has this minimum; kept for completeness).</summary>
    TlsV11 = 1 << 3,
    /// <summary>TLSv1.2: GCM, CCM, ChaCha20, SHA-256/384 CBC suites.</summary>
    TlsV12 = 1 << 4,
    /// <summary>TLSv1.3 suites (outside the cipher string).</summary>
    TlsV13 = 1 << 5,
}
