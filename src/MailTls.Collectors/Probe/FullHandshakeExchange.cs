using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MailTls.Collectors.Smtp;
using MailTls.Core.Probe;

namespace MailTls.Collectors.Probe;

/// <summary>
/// One complete handshake through the system TLS library (SslStream over OpenSSL), which the raw
/// engine cannot do: it sees the TLS 1.3 certificate (encrypted on the wire) and proves that a
/// modern client really gets a session. The certificate is accepted whatever it is; trust is judged
/// separately by <see cref="ChainVerifier"/>.
/// </summary>
internal static class FullHandshakeExchange
{
    public sealed record Result(string? Negotiated, IReadOnlyList<X509Certificate2> Served, string? Failure);

    public static async Task<Result> RunAsync(ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(cancellationToken);
        using var connection = await ProbeConnection.OpenAsync(endpoint, options, cancellationToken);
        if (connection.Smtp.Verdict != SmtpVerdict.TlsReady)
        {
            return new Result(null, [], connection.Smtp.Detail);
        }

        gate.CountFullHandshake();
        var served = new List<X509Certificate2>();
        var authentication = ServedChainCapture.Options(options.ServerName, served);
        using var ssl = new SslStream(connection.Stream, leaveInnerStreamOpen: true);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsClientAsync(authentication, deadline.Token);
            return new Result($"{ssl.SslProtocol} {ssl.NegotiatedCipherSuite}", served, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Result(null, served, $"the handshake did not finish within {options.HandshakeTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            return new Result(null, served, $"the handshake failed: {e.Message}");
        }
    }
}
