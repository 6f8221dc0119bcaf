using System.Diagnostics;
using System.Net.Sockets;
using MailTls.Core.Probe;

namespace MailTls.Collectors.Probe;

/// <summary>
/// One TCP connection brought to the point where TLS starts: the greeting, EHLO and STARTTLS on
/// ports 25 and 587, nothing on 465. Never sends MAIL FROM. The verdict says why it stopped when
/// it did not reach TLS, telling "this server offers no STARTTLS" from "this server turned us away".
/// </summary>
internal sealed class ProbeConnection : IDisposable
{
    private readonly TcpClient _client;

    private ProbeConnection(TcpClient client, SmtpEvidence smtp)
    {
        _client = client;
        Smtp = smtp;
    }

    /// <summary>What the SMTP conversation showed.</summary>
    public SmtpEvidence Smtp { get; }

    /// <summary>The stream to speak TLS on, when <see cref="SmtpEvidence.Verdict"/> is <see cref="SmtpVerdict.TlsReady"/>.</summary>
    public Stream Stream => _client.GetStream();

    /// <summary>Connects and runs the SMTP conversation up to TLS; never throws for network or peer trouble.</summary>
    public static async Task<ProbeConnection> OpenAsync(ProbeEndpoint endpoint, TlsProbeOptions options, CancellationToken cancellationToken)
    {
        var transcript = new List<string>();
        var client = new TcpClient(endpoint.Address.AddressFamily) { NoDelay = true };
        try
        {
            try
            {
                if (options.SourceAddress is { } source && source.AddressFamily == endpoint.Address.AddressFamily)
                {
                    client.Client.Bind(new System.Net.IPEndPoint(source, 0));
                }

                using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                connect.CancelAfter(options.ConnectTimeout);
                await client.ConnectAsync(endpoint.Address, endpoint.Port, connect.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new(client, Stop(SmtpVerdict.ConnectFailed, $"no TCP connection within {options.ConnectTimeout.TotalSeconds:0.#} s (filtered or down)", transcript));
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // A reset can reach the socket before the connect completes, but only after the handshake: the server accepted and dropped us.
                return new(client, Stop(SmtpVerdict.Blocked, $"the server accepted the TCP connection and reset it at once ({e.Message}): it (or a filter in front of it) turns this client away", transcript));
            }
            catch (SocketException e)
            {
                return new(client, Stop(SmtpVerdict.ConnectFailed, $"TCP connection failed: {e.Message}", transcript));
            }

            if (endpoint.ImplicitTls)
            {
                return new(client, new SmtpEvidence { Verdict = SmtpVerdict.TlsReady, Transcript = transcript });
            }

            return new(client, await ConverseAsync(client.GetStream(), options, transcript, cancellationToken));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    private static async Task<SmtpEvidence> ConverseAsync(Stream stream, TlsProbeOptions options, List<string> transcript, CancellationToken cancellationToken)
    {
        var dialog = new SmtpDialog(stream, options.Limits, transcript);
        var clock = Stopwatch.StartNew();
        Core.Smtp.SmtpReply banner;
        try
        {
            banner = await dialog.ReadAsync(options.ReplyTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return Stop(SmtpVerdict.Blocked, $"no complete greeting within {options.ReplyTimeout.TotalSeconds:0.#} s: a greeting delay or tarpit longer than the deadline (try --timeout), not a missing STARTTLS", transcript);
        }
        catch (IOException e)
        {
            return Stop(SmtpVerdict.Blocked, $"{e.Message} before greeting: the server (or a filter in front of it) turns this client away", transcript);
        }
        catch (InvalidDataException e)
        {
            return Stop(SmtpVerdict.ProtocolError, $"the greeting is unreadable: {e.Message}", transcript);
        }

        var greetingDelay = clock.Elapsed;
        var evidence = new SmtpEvidence { Verdict = SmtpVerdict.ProtocolError, Banner = banner, GreetingDelay = greetingDelay, Transcript = transcript };
        if (banner.Code != 220)
        {
            // RFC 5321 section 3.1: 554 instead of 220 refuses the client; 421 is "try later" (rate limits, overload).
            return evidence with { Verdict = SmtpVerdict.Blocked, Detail = $"the server greeted with {banner.Code} {SmtpDialog.Printable(banner.Text)} instead of 220: it refuses this client (blocklist, rate limit or overload), which says nothing about TLS" };
        }

        try
        {
            await dialog.SendAsync($"EHLO {options.EhloName}", options.ReplyTimeout, cancellationToken);
            var ehlo = await dialog.ReadAsync(options.ReplyTimeout, cancellationToken);
            if (ehlo.Code == 421 || ehlo.IsTransientFailure)
            {
                return evidence with { Verdict = SmtpVerdict.Blocked, Detail = $"EHLO was answered {ehlo.Code} {SmtpDialog.Printable(ehlo.Text)}: the server turned this client away before TLS" };
            }

            var capabilities = Core.Smtp.SmtpCapabilities.FromEhloReply(ehlo);
            evidence = evidence with { Capabilities = capabilities };
            if (capabilities is null)
            {
                await dialog.QuitQuietlyAsync(options.ReplyTimeout, cancellationToken);
                return evidence with { Verdict = SmtpVerdict.EhloRefused, Detail = $"EHLO was answered {ehlo.Code} {SmtpDialog.Printable(ehlo.Text)}; without EHLO no server can offer STARTTLS" };
            }

            if (!capabilities.StartTls)
            {
                await dialog.QuitQuietlyAsync(options.ReplyTimeout, cancellationToken);
                return evidence with { Verdict = SmtpVerdict.StartTlsNotOffered, Detail = "the EHLO reply does not list STARTTLS" };
            }

            await dialog.SendAsync("STARTTLS", options.ReplyTimeout, cancellationToken);
            var ready = await dialog.ReadAsync(options.ReplyTimeout, cancellationToken);
            if (ready.Code == 421)
            {
                return evidence with { Verdict = SmtpVerdict.Blocked, Detail = $"STARTTLS was answered 421 {SmtpDialog.Printable(ready.Text)}" };
            }

            if (ready.Code != 220)
            {
                return evidence with { Verdict = SmtpVerdict.StartTlsRefused, Detail = $"STARTTLS was announced but answered {ready.Code} {SmtpDialog.Printable(ready.Text)}" };
            }

            // RFC 3207 section 4.2 (and CVE-2011-0411): bytes after the 220 arrived in plaintext and must not be trusted.
            return dialog.PendingBytes > 0
                ? evidence with { Verdict = SmtpVerdict.ProtocolError, Detail = "the server sent data after its 220 to STARTTLS, before TLS started" }
                : evidence with { Verdict = SmtpVerdict.TlsReady };
        }
        catch (TimeoutException e)
        {
            return evidence with { Verdict = SmtpVerdict.Blocked, Detail = $"{e.Message} after the greeting: the server slows this client down (tarpit)" };
        }
        catch (IOException e)
        {
            return evidence with { Verdict = SmtpVerdict.ProtocolError, Detail = e.Message };
        }
        catch (InvalidDataException e)
        {
            return evidence with { Verdict = SmtpVerdict.ProtocolError, Detail = e.Message };
        }
    }

    private static SmtpEvidence Stop(SmtpVerdict verdict, string detail, List<string> transcript) =>
        new() { Verdict = verdict, Detail = detail, Transcript = transcript };
}
