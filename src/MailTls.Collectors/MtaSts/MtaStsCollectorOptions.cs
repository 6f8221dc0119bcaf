using System.Security.Cryptography.X509Certificates;

namespace MailTls.Collectors.MtaSts;

/// <summary>Deadlines for <see cref="MtaStsCollector"/>.</summary>
public sealed record MtaStsCollectorOptions
{
    /// <summary>
    /// The deadline for each phase of the HTTPS fetch: connecting (per address), the TLS handshake
    /// with the response headers, and the body.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The HTTPS port. RFC 8461 section 3.3 fixes it at 443; only tests, whose server listens on a
    /// free loopback port, change it.
    /// </summary>
    internal int Port { get; init; } = 443;

    /// <summary>
    /// Roots trusted besides the system's, for tests whose server has a test-CA certificate. The
    /// name and validity checks are never relaxed.
    /// </summary>
    internal IReadOnlyList<X509Certificate2> ExtraTrustRoots { get; init; } = [];
}
