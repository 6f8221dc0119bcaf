using System.Net.Sockets;
using System.Security.Cryptography;
using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/*
 * NAME
 *   ResumptionExchange - does the server really resume sessions?
 *
 * SUMMARY
 *   A server that hands out a session id or answers session_ticket may still never resume
 *   (a per-process cache, a ticket key that changes, tickets turned off in TLS 1.3). So mailtls's
 *   own client completes one handshake (TLS 1.2: ECDHE with AES-GCM; TLS 1.3: P-256 key share
 *   with AES-GCM), keeps the session id and ticket it got, and offers each on a new connection,
 *   reading the ServerHello (TLS 1.2: and the abbreviated handshake's Finished after it):
 *     TLS 1.2 session id  resumed when the ServerHello echoes the offered id (RFC 5246 section 7.4.1.3)
 *                         and the server's Finished then verifies under the session's master secret;
 *     TLS 1.2 ticket      resumed when it echoes the random id sent with the ticket (RFC 5077 section 3.4),
 *                         Finished checked the same way;
 *     TLS 1.3 PSK         resumed when it carries pre_shared_key (RFC 8446 section 4.2.11).
 *   Cost: at most four connections for TLS 1.2 (three when the enumeration saw tickets without
 *   session ids, as OpenSSL answers: the id is then asked for first) and two for TLS 1.3, fewer
 *   when the server issues no id or no ticket. The certificate is not checked: these handshakes carry no mail.
 *
 * DIAGNOSTICS
 *   A server that issues nothing, answers with a new session, or echoes the offered id and goes
 *   on with a full handshake is "no"; an alert, a timeout, a key exchange mailtls's client cannot
 *   do, a Finished that does not verify or data it cannot read is "unknown" with the reason.
 *   Never throws for network or peer trouble.
 */
internal static partial class ResumptionExchange
{
    private const int SessionIdLength = 32;

    /// <summary>Tests each mechanism the accepted protocols allow; the others are unknown with the reason.</summary>
    /// <param name="endpoint">The server.</param>
    /// <param name="options">Deadlines and limits.</param>
    /// <param name="gate">Counts and bounds the connections.</param>
    /// <param name="protocols">The enumerated versions and suites.</param>
    /// <param name="idWithheldForTickets">
    /// True when the enumeration's TLS 1.2 answers carried session_ticket but never a session id:
    /// then the session id is asked for first, which saves a connection.
    /// </param>
    /// <param name="cancellationToken">Cancels the test.</param>
    public static async Task<ResumptionSupport> RunAsync(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, IReadOnlyList<ProtocolSupport> protocols, bool idWithheldForTickets, CancellationToken cancellationToken)
    {
        var tls12 = protocols.FirstOrDefault(p => p.Version == TlsProtocolVersion.Tls12);
        var tls13 = protocols.FirstOrDefault(p => p.Version == TlsProtocolVersion.Tls13);
        var twelve = Usable(tls12, Tls12Suites.Keys, "ECDHE with AES-GCM") is { } why12
            ? Task.FromResult((ResumptionVerdict.Unknown(why12), ResumptionVerdict.Unknown(why12)))
            : Tls12Async(endpoint, options, gate, idWithheldForTickets, cancellationToken);
        var thirteen = Usable(tls13, Tls13FlightReader.DecryptableSuites, "AES-GCM or ChaCha20-Poly1305") is { } why13
            ? Task.FromResult(ResumptionVerdict.Unknown(why13))
            : Tls13Async(endpoint, options, gate, cancellationToken);
        var (sessionId, ticket) = await twelve;
        return new ResumptionSupport { SessionId = sessionId, Ticket = ticket, Tls13Psk = await thirteen };
    }

    /// <summary>Why a version cannot be tested, or null when it can.</summary>
    private static string? Usable(ProtocolSupport? support, IEnumerable<ushort> suites, string what) => support switch
    {
        null => "not tested",
        { Accepted: null } => $"not tested: whether the server accepts {TlsProtocolNames.Of(support.Version)} is unknown",
        { Accepted: false } => $"not tested: the server refuses {TlsProtocolNames.Of(support.Version)}",
        _ when !support.Suites.Any(s => suites.Contains(s.Code)) =>
            $"not tested: the server accepts no {TlsProtocolNames.Of(support.Version)} suite mailtls's own client completes ({what})",
        _ => null,
    };

    /// <summary>
    /// Opens a connection up to TLS and runs <paramref name="exchange"/> within the handshake deadline;
    /// any network or peer trouble becomes <paramref name="failed"/> with the reason.
    /// </summary>
    private static async Task<T> OnConnectionAsync<T>(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate,
        Func<TlsClientChannel, CancellationToken, Task<T>> exchange, Func<string, T> failed, CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(cancellationToken);
        gate.CountResumptionConnection();
        using var connection = await ProbeConnection.OpenAsync(endpoint, options, cancellationToken);
        if (connection.Smtp.Verdict != SmtpVerdict.TlsReady)
        {
            return failed(connection.Smtp.Detail);
        }

        using var channel = new TlsClientChannel(connection.Stream, options.Limits, options.MaxFlightBytes);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.HandshakeTimeout);
        try
        {
            return await exchange(channel, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return failed($"no complete answer within {options.HandshakeTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or CryptographicException)
        {
            return failed(e.Message);
        }
    }

    /// <summary>Sends a ClientHello and reads the ServerHello only.</summary>
    private static async Task<ServerHelloInfo> HelloAsync(TlsClientChannel channel, byte[] clientHello, TlsProbeOptions options, CancellationToken cancellationToken)
    {
        await channel.SendHandshakeAsync(clientHello, cancellationToken, (ushort)TlsProtocolVersion.Tls10);
        var message = await channel.ReadHandshakeAsync(untilApplicationData: false, cancellationToken);
        channel.Record(message);
        return ReadServerHello(message!, options);
    }

    private static ServerHelloInfo ReadServerHello(byte[] message, TlsProbeOptions options)
    {
        if (TlsHandshakeMessage.TryRead(message, options.Limits, out var view, out _, out _) != Core.ParseStatus.Done
            || ServerHelloReader.TryRead(view, options.Limits, out var hello, out _, out var error) != Core.ParseStatus.Done)
        {
            throw new InvalidDataException($"the server answered the ClientHello with something other than a readable ServerHello ({(TlsHandshakeType)message[0]})");
        }

        return hello!;
    }

    /// <summary>The shared secret of our ECDHE key and the server's uncompressed point (RFC 8422 section 5.4.1, RFC 8446 section 4.2.8.2).</summary>
    private static byte[] Agree(ECDiffieHellman ours, ReadOnlySpan<byte> point)
    {
        var parameters = ours.ExportParameters(includePrivateParameters: false);
        var size = parameters.Q.X!.Length;
        if (point.Length != 1 + (2 * size) || point[0] != 0x04)
        {
            throw new InvalidDataException($"the server's key share is not an uncompressed point of {ours.KeySize} bits");
        }

        // Importing checks that the point is on the curve; a bad point throws CryptographicException.
        using var peer = ECDiffieHellman.Create(new ECParameters
        {
            Curve = parameters.Curve,
            Q = new ECPoint { X = point.Slice(1, size).ToArray(), Y = point.Slice(1 + size, size).ToArray() },
        });
        return ours.DeriveRawSecretAgreement(peer.PublicKey);
    }

    private static byte[] PublicPoint(ECDiffieHellman key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    private static ECCurve? Curve(TlsNamedGroup group) => group switch
    {
        TlsNamedGroup.Secp256r1 => ECCurve.NamedCurves.nistP256,
        TlsNamedGroup.Secp384r1 => ECCurve.NamedCurves.nistP384,
        TlsNamedGroup.Secp521r1 => ECCurve.NamedCurves.nistP521,
        _ => null,
    };

    /// <summary>
    /// TLS 1.3 tickets come after the handshake: reads until the first NewSessionTicket, or the
    /// server's first application data (the SMTP reply to QUIT over STARTTLS, the greeting on TLS on
    /// connect), or its close_notify, whichever is first. Returns the ticket message, or null.
    /// </summary>
    private static async Task<byte[]?> ReadTicketAsync(TlsClientChannel channel, Tls13RecordProtection write, bool implicitTls, CancellationToken cancellationToken)
    {
        if (!implicitTls)
        {
            await channel.SendAsync(write.Seal(TlsContentType.ApplicationData, "QUIT\r\n"u8), cancellationToken);
        }

        while (await channel.ReadHandshakeAsync(untilApplicationData: true, cancellationToken) is { } message)
        {
            if ((TlsHandshakeType)message[0] == TlsHandshakeType.NewSessionTicket)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>
    /// Ends the connection with close_notify (RFC 8446 section 6.1, RFC 5246 section 7.2.1), so that
    /// the server keeps the session: an abrupt end makes OpenSSL drop it from its cache. A server
    /// that has already gone is no error here.
    /// </summary>
    private static async Task CloseAsync(TlsClientChannel channel, ITlsRecordProtection write, CancellationToken cancellationToken)
    {
        try
        {
            await channel.SendAsync(write.Seal(TlsContentType.Alert, [(byte)TlsAlertLevel.Warning, (byte)TlsAlertDescription.CloseNotify]), cancellationToken);
        }
        catch (IOException)
        {
            // The session was established before; its verdict does not depend on this goodbye.
        }
    }
}
