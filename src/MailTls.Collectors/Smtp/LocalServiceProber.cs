using System.Net;
using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Smtp;

/// <summary>
/// Probes one of this server's own SMTP services over loopback with the probe engine: which
/// protocol versions and suites it accepts (raw hellos, so TLS 1.0 and SSLv3 are seen even where
/// the local OpenSSL cannot speak them), what the known senders would negotiate, and the chain a
/// default client gets.
/// </summary>
public static class LocalServiceProber
{
    /// <summary>
    /// The loopback address probes of IPv4 loopback services come from. Postfix logs the client
    /// address with every TLS failure, so lines from this address are the probe's own, not a
    /// sender's, and doctor leaves them out of the log evidence (127.0.0.0/8 is all loopback on Linux).
    /// </summary>
    public static IPAddress SourceAddress { get; } = IPAddress.Parse("127.0.0.77");

    /// <summary>Runs the probe.</summary>
    /// <param name="address">The address to connect to (loopback unless the service is bound elsewhere).</param>
    /// <param name="port">The port.</param>
    /// <param name="implicitTls">TLS on connect.</param>
    /// <param name="options">The engine's options (deadlines, parallelism).</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The engine's result; the caller disposes its certificates.</returns>
    public static Task<TlsProbeResult> ProbeAsync(IPAddress address, int port, bool implicitTls, TlsProbeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        var engine = new TlsProbeEngine(IPAddress.IsLoopback(address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? options with { SourceAddress = SourceAddress }
            : options);
        return engine.ProbeAsync(new ProbeEndpoint("localhost", address, port, implicitTls), cancellationToken: cancellationToken);
    }

    /// <summary>Why a probe saw no TLS, or null when it did.</summary>
    /// <param name="result">The probe's result.</param>
    /// <returns>The SMTP verdict or the failures, in one line.</returns>
    public static string? Failure(TlsProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Smtp is { Verdict: not SmtpVerdict.TlsReady } smtp)
        {
            return $"{smtp.Verdict}: {smtp.Detail}";
        }

        return result.TlsTested ? null : string.Join("; ", result.Failures.Select(f => f.Message).DefaultIfEmpty("no TLS handshake completed"));
    }
}
