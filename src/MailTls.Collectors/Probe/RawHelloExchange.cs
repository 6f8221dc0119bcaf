using System.Net.Sockets;
using MailTls.Core;
using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// <summary>
/// Sends one ClientHello built by mailtls and reads the server's answer with the Core readers, up
/// to ServerHelloDone (TLS 1.2 and older), the ServerHello (TLS 1.3), a HelloRetryRequest or an
/// alert, then drops the connection. Bounded by the handshake deadline and a byte limit.
/// </summary>
internal static class RawHelloExchange
{
    public static async Task<HelloOutcome> RunAsync(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, byte[] hello, CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(cancellationToken);
        using var connection = await ProbeConnection.OpenAsync(endpoint, options, cancellationToken);
        var smtp = endpoint.ImplicitTls && connection.Smtp.Verdict == SmtpVerdict.TlsReady ? null : connection.Smtp;
        if (connection.Smtp.Verdict != SmtpVerdict.TlsReady)
        {
            return new HelloOutcome(HelloOutcomeKind.NotSent, null, connection.Smtp.Detail, smtp);
        }

        gate.CountRawHello();
        var stream = connection.Stream;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.HandshakeTimeout);
        var buffer = new byte[Math.Min(options.MaxFlightBytes, 64 * 1024)];
        var received = 0;
        try
        {
            await stream.WriteAsync(hello, deadline.Token);
            while (true)
            {
                if (received == buffer.Length)
                {
                    if (buffer.Length >= options.MaxFlightBytes)
                    {
                        return new HelloOutcome(HelloOutcomeKind.Invalid, null, $"more than {options.MaxFlightBytes} bytes without a complete answer", smtp);
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, options.MaxFlightBytes));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(received), deadline.Token);
                if (read == 0)
                {
                    return new HelloOutcome(HelloOutcomeKind.Closed, null, received == 0 ? "closed the connection without a TLS answer" : $"closed the connection after {received} bytes of an incomplete answer", smtp);
                }

                received += read;
                var status = ServerFlightReader.TryRead(buffer.AsSpan(0, received), options.Limits, out var flight, out var consumed, out var error);
                switch (status)
                {
                    case ParseStatus.Done when flight!.ServerHello is { IsHelloRetryRequest: true }:
                        return new HelloOutcome(HelloOutcomeKind.HelloRetryRequest, flight, "HelloRetryRequest", smtp);
                    case ParseStatus.Done when flight.ServerHello is not null:
                        return new HelloOutcome(HelloOutcomeKind.ServerHello, flight, "ServerHello", smtp);
                    case ParseStatus.Done:
                        return new HelloOutcome(HelloOutcomeKind.Alert, flight, flight.Alert is { } alert ? Describe(alert) : "no ServerHello", smtp);
                    case ParseStatus.Invalid:
                        return new HelloOutcome(HelloOutcomeKind.Invalid, flight, $"the answer is not a valid TLS server flight ({error} at byte {consumed})", smtp);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HelloOutcome(HelloOutcomeKind.Timeout, null, $"no complete answer within {options.HandshakeTimeout.TotalSeconds:0.#} s ({received} bytes read)", smtp);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // A reset instead of an alert is how some servers refuse a version.
            return new HelloOutcome(HelloOutcomeKind.Closed, null, $"connection reset ({e.Message})", smtp);
        }
    }

    /// <summary>The alert as OpenSSL and the RFCs name it, e.g. <c>fatal handshake_failure(40)</c>.</summary>
    public static string Describe(TlsAlert alert) =>
        $"{(alert.IsFatal ? "fatal" : "warning")} {SnakeCase(alert.Description)}({(int)alert.Description})";

    // RFC 8446 section 6 spells descriptions in snake case (handshake_failure); the enum is PascalCase.
    private static string SnakeCase(TlsAlertDescription description)
    {
        var name = description.ToString();
        if (char.IsDigit(name[0]))
        {
            return "unknown";
        }

        var builder = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
