using System.Diagnostics;
using System.Security.Cryptography;
using MailTls.Core;
using MailTls.Core.Probe;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// TLS 1.3: one full handshake (RFC 8446 section 2) to get a NewSessionTicket, then the ticket offered as a PSK.
internal static partial class ResumptionExchange
{
    private sealed record Tls13Ticket(SessionTicketInfo Ticket, ushort Suite, byte[] ResumptionPsk, Stopwatch Age);

    private static async Task<ResumptionVerdict> Tls13Async(ProbeEndpoint endpoint, TlsProbeOptions options, ConnectionGate gate, CancellationToken cancellationToken)
    {
        string? failure = null;
        var ticket = await OnConnectionAsync(endpoint, options, gate, (channel, token) => FullTls13Async(channel, endpoint, options, token), reason =>
        {
            failure = $"the first TLS 1.3 handshake failed: {reason}";
            return null;
        }, cancellationToken);
        if (ticket is null)
        {
            return failure is null ? new ResumptionVerdict(false, "the server sent no NewSessionTicket after the handshake") : ResumptionVerdict.Unknown(failure);
        }

        var hash = Tls13Suite.Find(ticket.Suite)!.Hash;
        return await OnConnectionAsync(endpoint, options, gate, async (channel, token) =>
        {
            using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            // RFC 8446 section 4.2.11.1: the age in milliseconds plus ticket_age_add, modulo 2^32.
            var age = unchecked((uint)ticket.Age.ElapsedMilliseconds + ticket.Ticket.AgeAdd);
            var hello = Tls13PskHello.Build(Tls13Hello(options, [ticket.Suite], key), ticket.Ticket.Ticket.AsSpan(), age, hash, ticket.ResumptionPsk);
            var serverHello = await HelloAsync(channel, hello, options, token);
            return serverHello.HasExtension(TlsExtensionType.PreSharedKey)
                ? new ResumptionVerdict(true, "a second connection offering the ticket as a PSK was resumed")
                : new ResumptionVerdict(false, serverHello.IsHelloRetryRequest
                    ? "a second connection offering the ticket as a PSK got a HelloRetryRequest without pre_shared_key"
                    : "a second connection offering the ticket as a PSK got a full handshake");
        }, reason => ResumptionVerdict.Unknown($"the hello offering the PSK: {reason}"), cancellationToken);
    }

    private static ClientHelloOptions Tls13Hello(TlsProbeOptions options, IReadOnlyList<ushort> suites, ECDiffieHellman key) =>
        ClientHelloOptions.For(TlsProtocolVersion.Tls13, suites) with
        {
            ServerName = options.ServerName,
            SupportedGroups = [TlsNamedGroup.Secp256r1],
            KeyShareGroups = [TlsNamedGroup.Secp256r1],
            KeyShareFactory = _ => PublicPoint(key),
            ExtendedMasterSecret = false,
            EncryptThenMac = false,
            SessionTicket = false,
        };

    /// <summary>
    /// The full handshake (RFC 8446 sections 4 and 7.1): ClientHello with a P-256 key share;
    /// ServerHello; {EncryptedExtensions .. Finished}, whose Finished is checked; [{empty
    /// Certificate}], {Finished}; then the NewSessionTicket messages before the server's first
    /// application data. Null when the server sent no ticket.
    /// </summary>
    private static async Task<Tls13Ticket?> FullTls13Async(TlsClientChannel channel, ProbeEndpoint endpoint, TlsProbeOptions options, CancellationToken cancellationToken)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var serverHello = await HelloAsync(channel, ClientHelloBuilder.BuildHandshakeMessage(Tls13Hello(options, Tls13FlightReader.DecryptableSuites, key)), options, cancellationToken);
        if (serverHello.IsHelloRetryRequest)
        {
            throw new InvalidDataException("the server asked for another key share (HelloRetryRequest); mailtls's client offers P-256 only");
        }

        if (serverHello.Version != TlsProtocolVersion.Tls13 || Tls13Suite.Find(serverHello.CipherSuite) is not { } suite || serverHello.KeyShareGroup != TlsNamedGroup.Secp256r1)
        {
            throw new InvalidDataException($"the server chose {TlsProtocolNames.Of(serverHello.Version)} {serverHello.Suite.DisplayName} with {serverHello.KeyShareGroup?.ToString() ?? "no key share"}, which was not offered");
        }

        var hash = suite.Hash;
        var hashLength = TlsKeyDerivation.HashLength(hash);
        var emptyHash = CryptographicOperations.HashData(hash, []);
        var early = TlsKeyDerivation.HkdfExtract(hash, [], new byte[hashLength]);
        var handshakeSecret = TlsKeyDerivation.HkdfExtract(hash, TlsKeyDerivation.DeriveSecret(hash, early, "derived", emptyHash), Agree(key, serverHello.KeyShare.AsSpan()));
        var helloHash = CryptographicOperations.HashData(hash, channel.Transcript);
        var clientHandshake = TlsKeyDerivation.DeriveSecret(hash, handshakeSecret, "c hs traffic", helloHash);
        var serverHandshake = TlsKeyDerivation.DeriveSecret(hash, handshakeSecret, "s hs traffic", helloHash);
        var master = TlsKeyDerivation.HkdfExtract(hash, TlsKeyDerivation.DeriveSecret(hash, handshakeSecret, "derived", emptyHash), new byte[hashLength]);
        channel.ReadProtection = Tls13RecordProtection.FromTrafficSecret(suite.Code, serverHandshake);

        byte[]? certificateRequestContext = null;
        while (true)
        {
            var message = await channel.ReadHandshakeAsync(untilApplicationData: false, cancellationToken);
            var type = (TlsHandshakeType)message![0];
            if (type == TlsHandshakeType.Finished)
            {
                var expected = FinishedMac(hash, serverHandshake, channel.Transcript);
                if (!message.AsSpan(TlsHandshakeMessage.HeaderLength).SequenceEqual(expected))
                {
                    throw new InvalidDataException("the server's Finished does not verify");
                }

                channel.Record(message);
                break;
            }

            channel.Record(message);
            if (type == TlsHandshakeType.CertificateRequest)
            {
                // RFC 8446 section 4.3.2: opaque certificate_request_context<0..2^8-1>, echoed in the Certificate.
                var reader = new TlsReader(message.AsSpan(TlsHandshakeMessage.HeaderLength));
                certificateRequestContext = reader.TryReadVector8(out var context) ? context.ToArray() : throw new InvalidDataException("the CertificateRequest is unreadable");
            }
        }

        var serverFinishedHash = CryptographicOperations.HashData(hash, channel.Transcript);
        var clientApplication = TlsKeyDerivation.DeriveSecret(hash, master, "c ap traffic", serverFinishedHash);
        var serverApplication = TlsKeyDerivation.DeriveSecret(hash, master, "s ap traffic", serverFinishedHash);
        using (var handshakeWrite = Tls13RecordProtection.FromTrafficSecret(suite.Code, clientHandshake))
        {
            byte[] flight = [];
            if (certificateRequestContext is { } requestContext)
            {
                // No client certificate: the context echoed and an empty certificate_list<0..2^24-1>.
                var certificate = TlsClientChannel.Message(TlsHandshakeType.Certificate, [(byte)requestContext.Length, .. requestContext, 0, 0, 0]);
                channel.Record(certificate);
                flight = handshakeWrite.Seal(TlsContentType.Handshake, certificate);
            }

            var finished = TlsClientChannel.Message(TlsHandshakeType.Finished, FinishedMac(hash, clientHandshake, channel.Transcript));
            channel.Record(finished);
            await channel.SendAsync([.. flight, .. handshakeWrite.Seal(TlsContentType.Handshake, finished)], cancellationToken);
        }

        var resumptionMaster = TlsKeyDerivation.DeriveSecret(hash, master, "res master", CryptographicOperations.HashData(hash, channel.Transcript));
        channel.ReadProtection.Dispose();
        channel.ReadProtection = Tls13RecordProtection.FromTrafficSecret(suite.Code, serverApplication);
        using var write = Tls13RecordProtection.FromTrafficSecret(suite.Code, clientApplication);
        var ticketMessage = await ReadTicketAsync(channel, write, endpoint.ImplicitTls, cancellationToken);
        await CloseAsync(channel, write, cancellationToken);
        if (ticketMessage is null)
        {
            return null;
        }

        TlsHandshakeMessage.TryRead(ticketMessage, options.Limits, out var view, out _, out _);
        if (SessionTicketReader.TryRead(view, TlsProtocolVersion.Tls13, out var ticket, out _, out var error) != ParseStatus.Done)
        {
            throw new InvalidDataException($"the NewSessionTicket is unreadable ({error})");
        }

        // RFC 8446 section 4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length).
        var psk = TlsKeyDerivation.HkdfExpandLabel(hash, resumptionMaster, "resumption", ticket!.Nonce.AsSpan(), hashLength);
        return new Tls13Ticket(ticket, serverHello.CipherSuite, psk, Stopwatch.StartNew());
    }

    /// <summary>RFC 8446 section 4.4.4: HMAC(finished_key, Transcript-Hash(messages so far)), finished_key = HKDF-Expand-Label(traffic secret, "finished", "", Hash.length).</summary>
    private static byte[] FinishedMac(HashAlgorithmName hash, byte[] trafficSecret, byte[] transcript)
    {
        var finishedKey = TlsKeyDerivation.HkdfExpandLabel(hash, trafficSecret, "finished", [], TlsKeyDerivation.HashLength(hash));
        return CryptographicOperations.HmacData(hash, finishedKey, CryptographicOperations.HashData(hash, transcript));
    }
}
