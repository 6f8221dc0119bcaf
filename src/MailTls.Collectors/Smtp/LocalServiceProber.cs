using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Evidence;

namespace MailTls.Collectors.Smtp;

/// <summary>
/// Probes one of this server's own SMTP services over loopback the way a default sender would:
/// one STARTTLS session (TLS on connect for wrapper-mode services) up to the handshake.
/// </summary>
public static class LocalServiceProber
{
    /// <summary>Runs the probe.</summary>
    /// <param name="service">The master.cf service name, for the report.</param>
    /// <param name="address">The address to connect to (loopback unless the service is bound elsewhere).</param>
    /// <param name="port">The port.</param>
    /// <param name="implicitTls">TLS on connect.</param>
    /// <param name="timeout">The deadline of each phase.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>What the probe saw, the chain the service served (the caller disposes it), and the failure when there was one.</returns>
    public static async Task<(ServiceProbeEvidence Probe, IReadOnlyList<X509Certificate2> Chain, ProbeFailure? Failure)> ProbeAsync(
        string service, IPAddress address, int port, bool implicitTls, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var (session, failure) = await StartTlsSession.RunAsync(address, port, "localhost", sni: null, implicitTls, timeout, cancellationToken);
        var probe = new ServiceProbeEvidence
        {
            Service = service,
            Address = address.ToString(),
            Port = port,
            ImplicitTls = implicitTls,
            Protocol = session is null ? null : ProtocolName(session.Protocol),
            Cipher = session?.CipherSuite.ToString(),
            Certificate = session is { ServedChain.Count: > 0 } ? session.ServedChain[0].Subject : null,
            Failure = failure is null ? null : $"{failure.Reason}: {failure.Message}",
        };
        return (probe, session?.ServedChain ?? [], failure);
    }

    /// <summary>The protocol in the words Postfix logs use.</summary>
    private static string ProtocolName(SslProtocols protocol) => protocol switch
    {
#pragma warning disable SYSLIB0039, CA5397 // Old protocols are named here, not enabled.
        SslProtocols.Tls => "TLSv1",
        SslProtocols.Tls11 => "TLSv1.1",
#pragma warning restore SYSLIB0039, CA5397
        SslProtocols.Tls12 => "TLSv1.2",
        SslProtocols.Tls13 => "TLSv1.3",
        _ => protocol.ToString(),
    };
}
