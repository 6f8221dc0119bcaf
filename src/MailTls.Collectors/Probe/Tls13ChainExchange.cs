using System.Net.Sockets;
using MailTls.Core;
using MailTls.Core.Evidence;
using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// <summary>
/// One connection that reads the server's TLS 1.3 certificate chain with mailtls's own client
/// (<see cref="Tls13FlightReader"/>): a TLS 1.3 ClientHello limited to some signature algorithms,
/// a second hello if the server asks for another NIST group, the encrypted flight decrypted up to
/// CertificateVerify, then the connection is dropped without a Finished. Offering only ECDSA (or
/// only RSA) schemes makes a dual-certificate server show the certificate of that key type.
/// </summary>
internal static class Tls13ChainExchange
{
    /// <summary>What one exchange read: the flight when the server answered in TLS, and why nothing useful came when it did not.</summary>
    /// <param name="Flight">The flight (decrypted chain, an alert, or a ServerHello of another version); null on a network or parse failure.</param>
    /// <param name="Detail">What happened, for the report.</param>
    /// <param name="Failure">Set when the exchange failed operationally (timeout, reset, unreadable answer).</param>
    public sealed record Result(Tls13FlightInfo? Flight, string Detail, FailureReason? Failure);

    public static async Task<Result> RunAsync(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, ClientHelloOptions hello, CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(cancellationToken);
        using var connection = await ProbeConnection.OpenAsync(endpoint, options, cancellationToken);
        if (connection.Smtp.Verdict != SmtpVerdict.TlsReady)
        {
            return new Result(null, connection.Smtp.Detail, FailureReason.InvalidData);
        }

        using var reader = new Tls13FlightReader(options.Limits);
        var stream = connection.Stream;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.HandshakeTimeout);
        var answer = new FlightBuffer(options.MaxFlightBytes);
        try
        {
            gate.CountRawHello();
            await stream.WriteAsync(reader.BuildClientHello(hello), deadline.Token);
            while (true)
            {
                if (answer.Full)
                {
                    return new Result(null, $"more than {options.MaxFlightBytes} bytes without a complete TLS 1.3 flight", FailureReason.InvalidData);
                }

                if (await answer.ReadAsync(stream, deadline.Token) == 0)
                {
                    return new Result(null, $"closed the connection after {answer.Received} bytes of an incomplete TLS 1.3 flight", FailureReason.InvalidData);
                }

                var status = reader.TryRead(answer.Data, out var flight, out var consumed, out var error);
                if (status == ParseStatus.Invalid)
                {
                    return new Result(null, $"the TLS 1.3 flight is not valid ({error} at byte {consumed})", FailureReason.InvalidData);
                }

                if (status == ParseStatus.NeedMoreData)
                {
                    continue;
                }

                if (flight!.ServerHello is { IsHelloRetryRequest: true } retry)
                {
                    var second = reader.BuildRetryHello();
                    if (second is null)
                    {
                        return new Result(flight, $"the server asks for group {retry.KeyShareGroup?.ToString() ?? "?"} in a HelloRetryRequest, which mailtls cannot answer", null);
                    }

                    gate.CountRawHello();
                    await stream.WriteAsync(second, deadline.Token);
                    continue;
                }

                return new Result(flight, Describe(flight), null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Result(null, $"no complete TLS 1.3 flight within {options.HandshakeTimeout.TotalSeconds:0.#} s ({answer.Received} bytes read)", FailureReason.Timeout);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return new Result(null, $"connection reset ({e.Message})", FailureReason.InvalidData);
        }
    }

    private static string Describe(Tls13FlightInfo flight) =>
        flight.Alert is { } alert ? RawHelloExchange.Describe(alert)
        : flight.Complete ? $"{flight.Certificates.Length} certificate(s), signed with {flight.SignatureScheme}"
        : $"the server answered with {TlsProtocolNames.Of(flight.ServerHello!.Version)}";
}
