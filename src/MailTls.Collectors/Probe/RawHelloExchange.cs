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
    /// <summary>Reads the answer so far: an outcome when it is complete or broken, null to read more.</summary>
    private delegate HelloOutcome? Interpreter(ReadOnlySpan<byte> received, SmtpEvidence? smtp);

    /// <summary>Sends a TLS ClientHello (SSLv3 to TLS 1.3) and reads the server flight.</summary>
    public static Task<HelloOutcome> RunAsync(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, byte[] hello, CancellationToken cancellationToken) =>
        ExchangeAsync(endpoint, options, gate, hello, (received, smtp) => InterpretTls(received, options, smtp), cancellationToken);

    /// <summary>
    /// Sends an SSL 2.0 CLIENT-HELLO and reads a SERVER-HELLO. A server that answers in TLS (an alert
    /// record) or closes does not speak SSLv2: that is a refusal, not a broken answer.
    /// </summary>
    public static async Task<(HelloOutcome Outcome, SslV2ServerHelloInfo? Hello)> RunSslV2Async(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, CancellationToken cancellationToken)
    {
        SslV2ServerHelloInfo? serverHello = null;
        var hello = SslV2ClientHelloBuilder.Build(TlsProtocolVersion.Ssl2, SslV2ClientHelloBuilder.AllSslV2CipherKinds);
        var outcome = await ExchangeAsync(endpoint, options, gate, hello, (received, smtp) =>
        {
            var status = SslV2ServerHelloReader.TryRead(received, options.Limits, out var v2, out _, out var error);
            switch (status)
            {
                case ParseStatus.Done:
                    serverHello = v2;
                    return new HelloOutcome(HelloOutcomeKind.ServerHello, null, $"SSLv2 SERVER-HELLO with {v2!.CipherSpecs.Length} cipher kinds", smtp);
                case ParseStatus.Invalid when error == TlsParseError.NotSslV2:
                    return new HelloOutcome(HelloOutcomeKind.Alert, null, "answered in TLS, not SSLv2", smtp);
                case ParseStatus.Invalid:
                    return new HelloOutcome(HelloOutcomeKind.Invalid, null, $"the answer is not a valid SSLv2 SERVER-HELLO ({error})", smtp);
                default:
                    return null;
            }
        }, cancellationToken);
        return (outcome, serverHello);
    }

    private static HelloOutcome? InterpretTls(ReadOnlySpan<byte> received, TlsProbeOptions options, SmtpEvidence? smtp)
    {
        var status = ServerFlightReader.TryRead(received, options.Limits, out var flight, out var consumed, out var error);
        return status switch
        {
            ParseStatus.Done when flight!.ServerHello is { IsHelloRetryRequest: true } => new HelloOutcome(HelloOutcomeKind.HelloRetryRequest, flight, "HelloRetryRequest", smtp),
            ParseStatus.Done when flight.ServerHello is not null => new HelloOutcome(HelloOutcomeKind.ServerHello, flight, "ServerHello", smtp),
            ParseStatus.Done => new HelloOutcome(HelloOutcomeKind.Alert, flight, flight.Alert is { } alert ? Describe(alert) : "no ServerHello", smtp),
            ParseStatus.Invalid => new HelloOutcome(HelloOutcomeKind.Invalid, flight, $"the answer is not a valid TLS server flight ({error} at byte {consumed})", smtp),
            _ => null,
        };
    }

    private static async Task<HelloOutcome> ExchangeAsync(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, byte[] hello, Interpreter interpret, CancellationToken cancellationToken)
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
        var answer = new FlightBuffer(options.MaxFlightBytes);
        try
        {
            await stream.WriteAsync(hello, deadline.Token);
            while (true)
            {
                if (answer.Full)
                {
                    return new HelloOutcome(HelloOutcomeKind.Invalid, null, $"more than {options.MaxFlightBytes} bytes without a complete answer", smtp);
                }

                if (await answer.ReadAsync(stream, deadline.Token) == 0)
                {
                    return new HelloOutcome(HelloOutcomeKind.Closed, null, answer.Received == 0 ? "closed the connection without a TLS answer" : $"closed the connection after {answer.Received} bytes of an incomplete answer", smtp);
                }

                if (interpret(answer.Data, smtp) is { } outcome)
                {
                    return outcome;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HelloOutcome(HelloOutcomeKind.Timeout, null, $"no complete answer within {options.HandshakeTimeout.TotalSeconds:0.#} s ({answer.Received} bytes read)", smtp);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // A reset instead of an alert is how some servers refuse a version.
            return new HelloOutcome(HelloOutcomeKind.Closed, null, $"connection reset ({e.Message})", smtp);
        }
    }

    /// <summary>The alert as OpenSSL and the RFCs name it, e.g. <c>fatal handshake_failure(40)</c>.</summary>
    public static string Describe(TlsAlert alert)
    {
        // An undefined description prints as its number.
        var name = alert.Description.ToString();
        return $"{(alert.IsFatal ? "fatal" : "warning")} {(char.IsDigit(name[0]) ? "unknown" : SnakeCase(name))}({(int)alert.Description})";
    }

    /// <summary>
    /// An enum name as RFC 8446 spells it (handshake_failure, rsa_pss_rsae_sha256); the enums are PascalCase.
    /// </summary>
    public static string SnakeCase(string name)
    {
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
