using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailTls.Core;
using MailTls.Core.Evidence;
using MailTls.Core.Smtp;

namespace MailTls.Collectors.Smtp;

/// <summary>
/// One SMTP session that goes as far as the TLS handshake and no further: banner, EHLO, STARTTLS
/// (or TLS on connect for port 465), the handshake, QUIT. It never sends MAIL FROM. Every phase
/// has its own deadline; replies are read with the bounded SMTP reply parser. The certificate is
/// accepted whatever it is: the point is to see what the server presents, not to trust it.
/// </summary>
public static class StartTlsSession
{
    /// <summary>Runs the session.</summary>
    /// <param name="address">The server address.</param>
    /// <param name="port">The port (25, 587, 465, or a test port).</param>
    /// <param name="hostName">The server's name, for the transcript and for SNI when <paramref name="sni"/> is set.</param>
    /// <param name="sni">The SNI to send; null sends none, as Postfix does by default.</param>
    /// <param name="implicitTls">TLS on connect (port 465) instead of STARTTLS.</param>
    /// <param name="timeout">The deadline of each phase.</param>
    /// <param name="cancellationToken">Cancels the session.</param>
    /// <returns>The evidence, or why the session failed.</returns>
    public static async Task<(TlsSessionEvidence? Evidence, ProbeFailure? Failure)> RunAsync(
        IPAddress address,
        int port,
        string hostName,
        string? sni,
        bool implicitTls,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var target = $"{hostName}[{address}]:{port}";
        var transcript = new List<string>();
        using var client = new TcpClient(address.AddressFamily);
        try
        {
            using (var connect = Deadline(timeout, cancellationToken))
            {
                await client.ConnectAsync(address, port, connect.Token);
            }

            Stream stream = client.GetStream();
            SmtpCapabilities? capabilities = null;
            if (!implicitTls)
            {
                var reader = new ReplyReader(stream, transcript);
                var banner = await reader.ReadAsync(timeout, cancellationToken);
                if (banner.Code != 220)
                {
                    return Fail(target, FailureReason.ServerError, $"the server greeted with {banner.Code} {banner.Text} instead of 220: it refuses this client (blocked or rate-limited), not TLS", transcript);
                }

                await reader.SendAsync($"EHLO {Environment.MachineName}", timeout, cancellationToken);
                var ehlo = await reader.ReadAsync(timeout, cancellationToken);
                capabilities = SmtpCapabilities.FromEhloReply(ehlo);
                if (!ehlo.IsPositive || capabilities is null || !capabilities.StartTls)
                {
                    // The verdict is already known; a server that then ignores QUIT must not turn it into a timeout.
                    await reader.TryQuitAsync(timeout, cancellationToken);
                    return Fail(target, FailureReason.ServerError, "the server does not offer STARTTLS", transcript);
                }

                await reader.SendAsync("STARTTLS", timeout, cancellationToken);
                var ready = await reader.ReadAsync(timeout, cancellationToken);
                if (ready.Code != 220)
                {
                    return Fail(target, FailureReason.ServerError, $"STARTTLS was answered {ready.Code} {ready.Text}", transcript);
                }
            }

            return (await HandshakeAsync(stream, target, sni, capabilities, transcript, timeout, cancellationToken), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(target, FailureReason.Timeout, $"no answer within {timeout.TotalSeconds:0.#} s", transcript);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return Fail(target, FailureReason.Refused, e.Message, transcript);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            // Connected, then reset: the server dropped the conversation, it is not unreachable.
            return Fail(target, FailureReason.InvalidData, e.Message, transcript);
        }
        catch (SocketException e)
        {
            return Fail(target, FailureReason.Unreachable, e.Message, transcript);
        }
        catch (System.Security.Authentication.AuthenticationException e)
        {
            // SslStream says only "Authentication failed, see inner exception."; the inner ones name the cause.
            return Fail(target, FailureReason.InvalidData, $"the TLS handshake failed: {InnermostMessages(e)}", transcript);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return Fail(target, FailureReason.InvalidData, InnermostMessages(e), transcript);
        }
    }

    private static async Task<TlsSessionEvidence> HandshakeAsync(
        Stream stream, string target, string? sni, SmtpCapabilities? capabilities, List<string> transcript, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var served = new List<X509Certificate2>();
        var options = ServedChainCapture.Options(sni, served);
        using var ssl = new SslStream(stream, leaveInnerStreamOpen: true);
        using (var handshake = Deadline(timeout, cancellationToken))
        {
            await ssl.AuthenticateAsClientAsync(options, handshake.Token);
        }

        transcript.Add($"TLS: {ssl.SslProtocol} {ssl.NegotiatedCipherSuite}");
        // The handshake is what was asked for; a server that drops QUIT changes nothing.
        await new ReplyReader(ssl, transcript).TryQuitAsync(timeout, cancellationToken);

        return new TlsSessionEvidence
        {
            Target = target,
            Transcript = transcript,
            Capabilities = capabilities,
            Protocol = ssl.SslProtocol,
            CipherSuite = ssl.NegotiatedCipherSuite,
            ServedChain = served,
        };
    }

    private static string InnermostMessages(Exception e)
    {
        var messages = new List<string>();
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            var message = current.Message.TrimEnd('.');
            if (!message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase) && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
            {
                messages.Add(message);
            }
        }

        return messages.Count == 0 ? e.Message : string.Join(": ", messages);
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }

    private static (TlsSessionEvidence?, ProbeFailure?) Fail(string target, FailureReason reason, string message, List<string> transcript) =>
        (null, new ProbeFailure(target, reason, message, string.Join('\n', transcript)));

    /// <summary>Reads bounded SMTP replies from a stream, recording the transcript.</summary>
    private sealed class ReplyReader(Stream stream, List<string> transcript)
    {
        private readonly byte[] _buffer = new byte[ParserLimits.Default.MaxSmtpLineLength * 4];
        private readonly ArrayBufferWriter<byte> _pending = new();

        public async Task<SmtpReply> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var deadline = Deadline(timeout, cancellationToken);
            var maxPending = ParserLimits.Default.MaxSmtpLineLength * ParserLimits.Default.MaxSmtpReplyLines;
            while (true)
            {
                var status = SmtpReplyReader.TryRead(_pending.WrittenSpan, ParserLimits.Default, out var reply, out var consumed, out var error);
                if (status == ParseStatus.Done)
                {
                    var rest = _pending.WrittenSpan[consumed..].ToArray();
                    _pending.Clear();
                    _pending.Write(rest);
                    transcript.AddRange(reply!.Lines.Select(l => $"S: {reply.Code} {l}"));
                    return reply;
                }

                if (status == ParseStatus.Invalid || _pending.WrittenCount > maxPending)
                {
                    throw new InvalidDataException($"unreadable SMTP reply ({error})");
                }

                var read = await stream.ReadAsync(_buffer, deadline.Token);
                if (read == 0)
                {
                    throw new IOException("the server closed the connection");
                }

                _pending.Write(_buffer.AsSpan(0, read));
            }
        }

        public async Task SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var deadline = Deadline(timeout, cancellationToken);
            transcript.Add($"C: {command}");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), deadline.Token);
        }

        /// <summary>Sends QUIT and reads the reply, ignoring a server that closes, ignores or garbles it.</summary>
        public async Task TryQuitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            try
            {
                await SendAsync("QUIT", timeout, cancellationToken);
                await ReadAsync(timeout, cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or SocketException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
            }
        }
    }
}
