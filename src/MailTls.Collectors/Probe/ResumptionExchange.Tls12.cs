using System.Security.Cryptography;
using MailTls.Core;
using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// TLS 1.2: one full handshake (RFC 5246 section 7.3), then the session id and the ticket offered separately.
internal static partial class ResumptionExchange
{
    private const int MasterSecretLength = 48;
    private const int FinishedLength = 12;
    private const int GcmSaltLength = 4;

    /// <summary>The suites mailtls's TLS 1.2 client completes: ECDHE, AES-GCM (RFC 5289), with their key length and PRF hash.</summary>
    private static readonly Dictionary<ushort, (int KeyLength, HashAlgorithmName Hash)> Tls12Suites = new()
    {
        [0xC02B] = (16, HashAlgorithmName.SHA256), // ECDHE-ECDSA-AES128-GCM-SHA256
        [0xC02F] = (16, HashAlgorithmName.SHA256), // ECDHE-RSA-AES128-GCM-SHA256
        [0xC02C] = (32, HashAlgorithmName.SHA384), // ECDHE-ECDSA-AES256-GCM-SHA384
        [0xC030] = (32, HashAlgorithmName.SHA384), // ECDHE-RSA-AES256-GCM-SHA384
    };

    private sealed record Tls12Session(byte[] SessionId, byte[]? Ticket, string TicketDetail, ushort Suite, byte[] MasterSecret);

    /// <summary>
    /// A full handshake offering session_ticket gives the ticket; its session id serves too, unless the
    /// server (OpenSSL does) leaves the id empty when it issues a ticket: then a second full
    /// handshake without session_ticket gets an id, as a client without tickets would. When the
    /// enumeration showed that pattern (tickets answered, ids empty), <see cref="Tls12IdFirstAsync"/>
    /// saves a connection.
    /// </summary>
    private static async Task<(ResumptionVerdict SessionId, ResumptionVerdict Ticket)> Tls12Async(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, bool idWithheldForTickets, CancellationToken cancellationToken)
    {
        if (idWithheldForTickets)
        {
            return await Tls12IdFirstAsync(endpoint, options, gate, cancellationToken);
        }

        var (withTicket, ticketFailure) = await FullTls12Async(endpoint, options, gate, offerTicket: true, cancellationToken);
        var byTicket = withTicket is null ? Task.FromResult(ResumptionVerdict.Unknown(ticketFailure!))
            : withTicket.Ticket is null ? Task.FromResult(new ResumptionVerdict(false, withTicket.TicketDetail))
            : ResumeTls12Async(endpoint, options, gate, withTicket, RandomNumberGenerator.GetBytes(SessionIdLength), withTicket.Ticket, cancellationToken);
        var (withId, idFailure) = withTicket is { SessionId.Length: > 0 } ? (withTicket, null)
            : await FullTls12Async(endpoint, options, gate, offerTicket: false, cancellationToken);
        var byId = withId is null ? ResumptionVerdict.Unknown(idFailure!)
            : withId.SessionId.Length == 0 ? new ResumptionVerdict(false, "the server gives no session id")
            : await ResumeTls12Async(endpoint, options, gate, withId, withId.SessionId, ticket: null, cancellationToken);
        return (byId, await byTicket);
    }

    /// <summary>
    /// For a server that leaves the session id empty when it issues a ticket (OpenSSL does), three
    /// connections instead of four: a full handshake without session_ticket gets a session id;
    /// the second connection offers that id with an empty session_ticket, so that resumed (the
    /// abbreviated handshake carries a NewSessionTicket) or not (the full handshake is completed)
    /// it also yields the ticket the third connection offers. Where it leaves that unsettled, a full
    /// handshake with session_ticket asks again, as before the shortcut.
    /// </summary>
    private static async Task<(ResumptionVerdict SessionId, ResumptionVerdict Ticket)> Tls12IdFirstAsync(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, CancellationToken cancellationToken)
    {
        var (withId, idFailure) = await FullTls12Async(endpoint, options, gate, offerTicket: false, cancellationToken);
        ResumptionVerdict byId;
        Tls12Session? withTicket = null;
        string? ticketFailure = null;
        if (withId is { SessionId.Length: > 0 })
        {
            (byId, withTicket) = await ResumeByIdAsync(endpoint, options, gate, withId, cancellationToken);
        }
        else
        {
            byId = withId is null ? ResumptionVerdict.Unknown(idFailure!) : new ResumptionVerdict(false, "the server gives no session id");
        }

        if (withTicket is null)
        {
            (withTicket, ticketFailure) = await FullTls12Async(endpoint, options, gate, offerTicket: true, cancellationToken);
        }

        var byTicket = withTicket is null ? ResumptionVerdict.Unknown(ticketFailure!)
            : withTicket.Ticket is null ? new ResumptionVerdict(false, withTicket.TicketDetail)
            : await ResumeTls12Async(endpoint, options, gate, withTicket, RandomNumberGenerator.GetBytes(SessionIdLength), withTicket.Ticket, cancellationToken);
        return (byId, byTicket);
    }

    /// <summary>
    /// Offers <paramref name="session"/>'s id with an empty session_ticket: resumed when the
    /// ServerHello echoes the id and the abbreviated handshake's Finished verifies. Also returns
    /// what this connection says about tickets: the full handshake's session when not resumed, the
    /// resumed session with the ticket the server sent, or null when neither (no ticket on the
    /// resumed handshake, a full handshake after an echoed id), so the caller asks with a full handshake.
    /// </summary>
    private static async Task<(ResumptionVerdict SessionId, Tls12Session? WithTicket)> ResumeByIdAsync(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, Tls12Session session, CancellationToken cancellationToken)
    {
        var clientRandom = RandomNumberGenerator.GetBytes(32);
        var hello = Tls12Hello(options) with { Random = clientRandom, SessionId = session.SessionId, SessionTicket = true };
        // Known as soon as the ServerHello is read: trouble later, while fetching the ticket, does not make it unknown.
        ResumptionVerdict? byId = null;
        return await OnConnectionAsync(endpoint, options, gate, async (channel, token) =>
        {
            var serverHello = await HelloAsync(channel, ClientHelloBuilder.BuildHandshakeMessage(hello), options, token);
            if (!serverHello.SessionId.AsSpan().SequenceEqual(session.SessionId))
            {
                byId = new ResumptionVerdict(false, $"a second connection offering the session id got a full handshake ({(serverHello.SessionId.IsEmpty ? "no" : "a new")} session id)");
                return (byId, await CompleteFullTls12Async(channel, options, serverHello, clientRandom, token));
            }

            var (resumed, ticket) = await ResumedFinishedAsync(channel, session, serverHello, clientRandom, options, token);
            if (!resumed)
            {
                return (new ResumptionVerdict(false, "a second connection offering the session id got the offered session id echoed, then a full handshake: the server resumes nothing"), null);
            }

            // A server may issue tickets on full handshakes only: without one here, the caller asks with a full handshake.
            return (new ResumptionVerdict(true, "a second connection offering the session id was resumed"), ticket is null ? null : session with { Ticket = ticket });
        }, reason => (byId ?? ResumptionVerdict.Unknown($"the hello offering the session id: {reason}"), null), cancellationToken);
    }

    private static async Task<(Tls12Session? Session, string? Failure)> FullTls12Async(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, bool offerTicket, CancellationToken cancellationToken)
    {
        string? failure = null;
        var session = await OnConnectionAsync(endpoint, options, gate, (channel, token) => FullTls12Async(channel, options, offerTicket, token), reason =>
        {
            failure = $"the first TLS 1.2 handshake ({(offerTicket ? "with" : "without")} session_ticket) failed: {reason}";
            return null;
        }, cancellationToken);
        return (session, failure);
    }

    /// <summary>
    /// A hello offering <paramref name="sessionId"/> (and the ticket, when given): resumed when the
    /// ServerHello echoes the id, since a server that does not resume picks a new one or none, and
    /// the server's Finished then proves it holds <paramref name="session"/>'s master secret.
    /// </summary>
    private static Task<ResumptionVerdict> ResumeTls12Async(
        ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, Tls12Session session, byte[] sessionId, byte[]? ticket, CancellationToken cancellationToken)
    {
        var clientRandom = RandomNumberGenerator.GetBytes(32);
        var hello = Tls12Hello(options) with
        {
            Random = clientRandom,
            SessionId = sessionId,
            SessionTicket = ticket is not null,
            SessionTicketData = ticket,
        };
        var what = ticket is null ? "session id" : "ticket";
        return OnConnectionAsync(endpoint, options, gate, async (channel, token) =>
        {
            var serverHello = await HelloAsync(channel, ClientHelloBuilder.BuildHandshakeMessage(hello), options, token);
            if (!serverHello.SessionId.AsSpan().SequenceEqual(sessionId))
            {
                return new ResumptionVerdict(false, $"a second connection offering the {what} got a full handshake ({(serverHello.SessionId.IsEmpty ? "no" : "a new")} session id)");
            }

            return (await ResumedFinishedAsync(channel, session, serverHello, clientRandom, options, token)).Resumed
                ? new ResumptionVerdict(true, $"a second connection offering the {what} was resumed")
                : new ResumptionVerdict(false, $"a second connection offering the {what} got the offered session id echoed, then a full handshake: the server resumes nothing");
        }, reason => ResumptionVerdict.Unknown($"the hello offering the {what}: {reason}"), cancellationToken);
    }

    /// <summary>
    /// After a ServerHello that echoes the offered id, RFC 5246 section 7.3's abbreviated handshake:
    /// [NewSessionTicket], ChangeCipherSpec, Finished under keys from the session's master secret and
    /// the new randoms. True when that Finished verifies, with the ticket of a NewSessionTicket before
    /// it; false when a full handshake's message comes instead (a server that echoes ids it cannot
    /// resume). Throws when the Finished does not verify.
    /// </summary>
    private static async Task<(bool Resumed, byte[]? Ticket)> ResumedFinishedAsync(
        TlsClientChannel channel, Tls12Session session, ServerHelloInfo serverHello, byte[] clientRandom, TlsProbeOptions options, CancellationToken cancellationToken)
    {
        if (serverHello.Version != TlsProtocolVersion.Tls12 || serverHello.CipherSuite != session.Suite)
        {
            throw new InvalidDataException($"the server resumed with {TlsProtocolNames.Of(serverHello.Version)} {serverHello.Suite.DisplayName}, not the session's {CipherSuiteRegistry.Get(session.Suite).DisplayName}");
        }

        var suite = Tls12Suites[session.Suite];
        var keys = KeyBlock(suite, session.MasterSecret, serverHello.Random.AsSpan(), clientRandom);
        channel.PendingReadProtection = new Tls12RecordProtection(keys.AsSpan(suite.KeyLength, suite.KeyLength), keys.AsSpan((2 * suite.KeyLength) + GcmSaltLength, GcmSaltLength));
        byte[]? ticket = null;
        while (true)
        {
            var message = await channel.ReadHandshakeAsync(untilApplicationData: false, cancellationToken);
            switch ((TlsHandshakeType)message![0])
            {
                case TlsHandshakeType.Finished:
                    var expected = TlsKeyDerivation.Tls12Prf(suite.Hash, session.MasterSecret, "server finished", CryptographicOperations.HashData(suite.Hash, channel.Transcript), FinishedLength);
                    if (!message.AsSpan(TlsHandshakeMessage.HeaderLength).SequenceEqual(expected))
                    {
                        throw new InvalidDataException("the server's Finished on the resumed session does not verify");
                    }

                    return (true, ticket);

                case TlsHandshakeType.NewSessionTicket:
                    channel.Record(message);
                    // Unreadable, it is left to the full handshake the caller then makes, which reports it; the id's verdict stands.
                    TlsHandshakeMessage.TryRead(message, options.Limits, out var view, out _, out _);
                    ticket = SessionTicketReader.TryRead(view, TlsProtocolVersion.Tls12, out var issued, out _, out _) == ParseStatus.Done && !issued!.Ticket.IsEmpty
                        ? [.. issued.Ticket] : null;
                    break;

                default:
                    return (false, null);
            }
        }
    }

    /// <summary>RFC 5246 section 6.3: client and server write keys, then salts; seeded with server_random + client_random, no MAC keys for GCM.</summary>
    private static byte[] KeyBlock((int KeyLength, HashAlgorithmName Hash) suite, byte[] masterSecret, ReadOnlySpan<byte> serverRandom, byte[] clientRandom) =>
        TlsKeyDerivation.Tls12Prf(suite.Hash, masterSecret, "key expansion", [.. serverRandom, .. clientRandom], (2 * suite.KeyLength) + (2 * GcmSaltLength));

    private static ClientHelloOptions Tls12Hello(TlsProbeOptions options) =>
        ClientHelloOptions.For(TlsProtocolVersion.Tls12, [.. Tls12Suites.Keys]) with
        {
            ServerName = options.ServerName,
            SupportedGroups = [TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1, TlsNamedGroup.Secp521r1],
            // Kept out so the key derivation stays the RFC 5246 one, the same in the first and second hello.
            ExtendedMasterSecret = false,
            EncryptThenMac = false,
        };

    /// <summary>
    /// The full handshake: ClientHello [with an empty session_ticket]; ServerHello .. ServerHelloDone;
    /// [empty Certificate], ClientKeyExchange, ChangeCipherSpec, Finished; [NewSessionTicket],
    /// ChangeCipherSpec, Finished, which is checked so that a wrong key derivation cannot pass.
    /// </summary>
    private static async Task<Tls12Session?> FullTls12Async(TlsClientChannel channel, TlsProbeOptions options, bool offerTicket, CancellationToken cancellationToken)
    {
        var clientHello = Tls12Hello(options) with { SessionTicket = offerTicket };
        var clientRandom = RandomNumberGenerator.GetBytes(32);
        var serverHello = await HelloAsync(channel, ClientHelloBuilder.BuildHandshakeMessage(clientHello with { Random = clientRandom }), options, cancellationToken);
        return await CompleteFullTls12Async(channel, options, serverHello, clientRandom, cancellationToken);
    }

    /// <summary>The full handshake after its ServerHello: the rest of the server's flight, ours, and the server's Finished.</summary>
    private static async Task<Tls12Session?> CompleteFullTls12Async(
        TlsClientChannel channel, TlsProbeOptions options, ServerHelloInfo serverHello, byte[] clientRandom, CancellationToken cancellationToken)
    {
        if (serverHello.Version != TlsProtocolVersion.Tls12 || !Tls12Suites.TryGetValue(serverHello.CipherSuite, out var suite))
        {
            throw new InvalidDataException($"the server chose {TlsProtocolNames.Of(serverHello.Version)} {serverHello.Suite.DisplayName}, which was not offered");
        }

        ServerKeyExchangeInfo? keyExchange = null;
        var certificateRequested = false;
        while (true)
        {
            var message = await channel.ReadHandshakeAsync(untilApplicationData: false, cancellationToken);
            channel.Record(message);
            var type = (TlsHandshakeType)message![0];
            if (type == TlsHandshakeType.ServerHelloDone)
            {
                break;
            }

            if (type == TlsHandshakeType.ServerKeyExchange)
            {
                TlsHandshakeMessage.TryRead(message, options.Limits, out var view, out _, out _);
                if (ServerKeyExchangeReader.TryRead(view, KeyExchangeAlgorithm.Ecdhe, anonymous: false, TlsProtocolVersion.Tls12, out keyExchange, out _, out var error) != ParseStatus.Done)
                {
                    throw new InvalidDataException($"the ServerKeyExchange is unreadable ({error})");
                }
            }

            certificateRequested |= type == TlsHandshakeType.CertificateRequest;
        }

        if (keyExchange is not { NamedGroup: { } group } || Curve(group) is not { } curve)
        {
            throw new InvalidDataException($"the server chose the curve {keyExchange?.NamedGroup?.ToString() ?? "(none)"}, which was not offered");
        }

        using var ours = ECDiffieHellman.Create(curve);
        var preMasterSecret = Agree(ours, keyExchange.EcPoint.AsSpan());
        var randoms = (byte[])[.. clientRandom, .. serverHello.Random];
        var master = TlsKeyDerivation.Tls12Prf(suite.Hash, preMasterSecret, "master secret", randoms, MasterSecretLength);
        var keys = KeyBlock(suite, master, serverHello.Random.AsSpan(), clientRandom);
        using var write = new Tls12RecordProtection(keys.AsSpan(0, suite.KeyLength), keys.AsSpan(2 * suite.KeyLength, GcmSaltLength));
        channel.PendingReadProtection = new Tls12RecordProtection(keys.AsSpan(suite.KeyLength, suite.KeyLength), keys.AsSpan((2 * suite.KeyLength) + GcmSaltLength, GcmSaltLength));

        // RFC 5246 section 7.4.6: asked for a certificate, a client without one sends an empty list.
        byte[] flight = certificateRequested ? TlsClientChannel.Message(TlsHandshakeType.Certificate, [0, 0, 0]) : [];
        byte[] clientKeyExchange = [(byte)(PublicPoint(ours).Length), .. PublicPoint(ours)];
        flight = [.. flight, .. TlsClientChannel.Message(TlsHandshakeType.ClientKeyExchange, clientKeyExchange)];
        await channel.SendHandshakeAsync(flight, cancellationToken);
        var clientFinished = TlsClientChannel.Message(TlsHandshakeType.Finished,
            TlsKeyDerivation.Tls12Prf(suite.Hash, master, "client finished", CryptographicOperations.HashData(suite.Hash, channel.Transcript), FinishedLength));
        channel.Record(clientFinished);
        await channel.SendAsync([.. TlsClientChannel.PlaintextRecord(TlsContentType.ChangeCipherSpec, [1]), .. write.Seal(TlsContentType.Handshake, clientFinished)], cancellationToken);

        SessionTicketInfo? ticket = null;
        while (true)
        {
            var message = await channel.ReadHandshakeAsync(untilApplicationData: false, cancellationToken);
            var type = (TlsHandshakeType)message![0];
            if (type == TlsHandshakeType.Finished)
            {
                var expected = TlsKeyDerivation.Tls12Prf(suite.Hash, master, "server finished", CryptographicOperations.HashData(suite.Hash, channel.Transcript), FinishedLength);
                if (!message.AsSpan(TlsHandshakeMessage.HeaderLength).SequenceEqual(expected))
                {
                    throw new InvalidDataException("the server's Finished does not verify");
                }

                break;
            }

            channel.Record(message);
            if (type == TlsHandshakeType.NewSessionTicket)
            {
                TlsHandshakeMessage.TryRead(message, options.Limits, out var view, out _, out _);
                if (SessionTicketReader.TryRead(view, TlsProtocolVersion.Tls12, out ticket, out _, out var error) != ParseStatus.Done)
                {
                    throw new InvalidDataException($"the NewSessionTicket is unreadable ({error})");
                }
            }
        }

        await CloseAsync(channel, write, cancellationToken);
        var ticketDetail = !serverHello.HasExtension(TlsExtensionType.SessionTicket) ? "the server does not answer session_ticket: it issues no tickets"
            : ticket is not { Ticket.IsEmpty: false } ? "the server answered session_ticket but sent no ticket"
            : string.Empty;
        return new Tls12Session([.. serverHello.SessionId], ticket is { Ticket.IsEmpty: false } ? [.. ticket.Ticket] : null, ticketDetail, serverHello.CipherSuite, master);
    }
}
