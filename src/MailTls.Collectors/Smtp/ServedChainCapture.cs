using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MailTls.Collectors.Smtp;

/// <summary>
/// TLS client settings that accept any certificate and keep the chain exactly as the server sent it,
/// so mailtls can judge trust itself (a sender's view, not .NET's) after the handshake.
/// </summary>
internal static class ServedChainCapture
{
    /// <summary>Client options for a handshake that records the served chain.</summary>
    /// <param name="serverName">The SNI to send, or null for none.</param>
    /// <param name="served">Receives the leaf, then the other certificates the server sent, without duplicates.</param>
    /// <returns>The options for <see cref="SslStream.AuthenticateAsClientAsync(SslClientAuthenticationOptions, CancellationToken)"/>.</returns>
    public static SslClientAuthenticationOptions Options(string? serverName, List<X509Certificate2> served) => new()
    {
        TargetHost = serverName ?? string.Empty,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
        {
            // The leaf plus what the server sent (.NET puts the peer's extra certificates in ExtraStore).
            if (certificate is not null)
            {
                served.Add(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            }

            foreach (var extra in chain?.ChainPolicy.ExtraStore ?? [])
            {
                if (!served.Any(s => s.RawDataMemory.Span.SequenceEqual(extra.RawDataMemory.Span)))
                {
                    served.Add(X509CertificateLoader.LoadCertificate(extra.RawData));
                }
            }

            return true;
        },
    };
}
