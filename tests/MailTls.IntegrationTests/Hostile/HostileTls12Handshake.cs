using System.Security.Cryptography;
using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// The server half of a full TLS 1.2 handshake (RFC 5246 section 7.3) with ECDHE on P-256 and
/// ECDHE-RSA-AES128-GCM-SHA256, so that a hostile script gets as far as mailtls's resumption client
/// goes (its Finished sent) with keys it really shares, and then misbehaves. The ServerKeyExchange
/// signature is filler: that client measures it and does not verify it.
/// </summary>
internal sealed class HostileTls12Handshake : IDisposable
{
    private const ushort Suite = 0xC02F;
    private const int KeyLength = 16;
    private const int SaltLength = 4;
    private const int FinishedLength = 12;
    private static readonly HashAlgorithmName Hash = HashAlgorithmName.SHA256;

    private readonly HostileClientHello _client;
    private readonly byte[] _random = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryStream _transcript = new();
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    private byte[] _master = [];
    private Tls12RecordProtection? _write;

    public HostileTls12Handshake(HostileClientHello client)
    {
        _client = client;
        _transcript.Write(client.Message);
    }

    /// <summary>True when the client offers a session id: mailtls's client does only to resume.</summary>
    public bool ResumptionOffered => _client.SessionId.Length > 0;

    /// <summary>True when the client offered session_ticket, so the server answered it and may send a NewSessionTicket (RFC 5077 section 3.2).</summary>
    public bool TicketAgreed => _client.Extensions.ContainsKey(TlsExtensionType.SessionTicket);

    /// <summary>
    /// ServerHello (with <paramref name="sessionId"/>, and session_ticket when the client offered it),
    /// Certificate, ServerKeyExchange, ServerHelloDone, as records.
    /// </summary>
    public byte[] ServerFlight(byte[] sessionId, byte[] certificate)
    {
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        byte[] share = [0x04, .. point.X!, .. point.Y!];
        byte[] serverKeyExchange = [0x03, 0x00, (byte)TlsNamedGroup.Secp256r1, (byte)share.Length, .. share, 0x04, 0x01, 0x01, 0x00, .. new byte[256]];
        byte[] messages =
        [
            .. ServerHello(_random, sessionId, TicketAgreed),
            .. HostileTls.Certificate([certificate]),
            .. HostileTls.Handshake(TlsHandshakeType.ServerKeyExchange, serverKeyExchange),
            .. HostileTls.ServerHelloDone(),
        ];
        _transcript.Write(messages);
        return HostileTls.InRecords(messages);
    }

    /// <summary>The master secret of the full handshake, once the client's key exchange is read; what a session cache keeps.</summary>
    public byte[] MasterSecret => _master;

    /// <summary>
    /// The abbreviated handshake of RFC 5246 section 7.3 for a session with <paramref name="masterSecret"/>:
    /// a ServerHello echoing the offered session id, ChangeCipherSpec and Finished (or a wrong one) under
    /// keys from the new randoms, as records.
    /// </summary>
    public byte[] ResumedFlight(byte[] masterSecret, bool validFinished = true)
    {
        var serverHello = ServerHello(_random, _client.SessionId, ticketExtension: false);
        _transcript.Write(serverHello);
        UseMasterSecret(masterSecret);
        return [.. HostileTls.Record(TlsContentType.Handshake, serverHello), .. ChangeCipherSpecAndFinished(validFinished)];
    }

    /// <summary>A ServerHello that echoes the offered session id as if resuming, then Certificate, ServerKeyExchange and ServerHelloDone of a full handshake.</summary>
    public byte[] EchoThenFullFlight(byte[] certificate) => ServerFlight(_client.SessionId, certificate);

    /// <summary>
    /// Reads the client's ClientKeyExchange, ChangeCipherSpec and Finished records, derives the master
    /// secret from its share (RFC 5246 section 8.1, RFC 8422 section 5.10) and puts the Finished the
    /// client must have sent into the transcript; the client's record itself is not decrypted.
    /// </summary>
    public async Task ReadClientFinishedAsync(HostileConnection c, CancellationToken ct)
    {
        var keyExchange = (await c.ReadRecordAsync(ct))[TlsRecord.HeaderLength..];
        await c.ReadRecordAsync(ct);
        await c.ReadRecordAsync(ct);
        _transcript.Write(keyExchange);

        var clientShare = keyExchange[(TlsHandshakeMessage.HeaderLength + 1)..];
        using var peer = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = clientShare[1..33], Y = clientShare[33..65] },
        });
        var preMaster = _key.DeriveRawSecretAgreement(peer.PublicKey);
        UseMasterSecret(TlsKeyDerivation.Tls12Prf(Hash, preMaster, "master secret", [.. _client.Random, .. _random], 48));
        _transcript.Write(Finished("client finished"));
    }

    /// <summary>A NewSessionTicket record: struct { uint32 ticket_lifetime_hint; opaque ticket&lt;0..2^16-1&gt;; } (RFC 5077 section 3.3), or <paramref name="body"/> as given.</summary>
    public byte[] NewSessionTicket(byte[] body)
    {
        var message = HostileTls.Handshake(TlsHandshakeType.NewSessionTicket, body);
        _transcript.Write(message);
        return HostileTls.Record(TlsContentType.Handshake, message);
    }

    public static byte[] TicketBody(byte[] ticket) => [0, 0, 0x1C, 0x20, (byte)(ticket.Length >> 8), (byte)ticket.Length, .. ticket];

    /// <summary>ChangeCipherSpec and the server's Finished (or a wrong one), sealed under the new keys.</summary>
    public byte[] ChangeCipherSpecAndFinished(bool valid = true)
    {
        var finished = Finished("server finished");
        if (!valid)
        {
            finished[^1] ^= 0xFF;
        }

        return [.. HostileTls.Record(TlsContentType.ChangeCipherSpec, [1]), .. _write!.Seal(TlsContentType.Handshake, finished)];
    }

    public void Dispose()
    {
        _key.Dispose();
        _transcript.Dispose();
        _write?.Dispose();
    }

    /// <summary>RFC 5246 section 6.3: the key block, seeded with server_random + client_random; the server writes with the second key and salt.</summary>
    private void UseMasterSecret(byte[] masterSecret)
    {
        _master = masterSecret;
        var keys = TlsKeyDerivation.Tls12Prf(Hash, _master, "key expansion", [.. _random, .. _client.Random], (2 * KeyLength) + (2 * SaltLength));
        _write = new Tls12RecordProtection(keys.AsSpan(KeyLength, KeyLength), keys.AsSpan((2 * KeyLength) + SaltLength, SaltLength));
    }

    /// <summary>RFC 5246 section 7.4.9: verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11].</summary>
    private byte[] Finished(string label) =>
        HostileTls.Handshake(TlsHandshakeType.Finished, TlsKeyDerivation.Tls12Prf(Hash, _master, label, SHA256.HashData(_transcript.ToArray()), FinishedLength));

    /// <summary>A TLS 1.2 ServerHello: version, random, session id, the suite, null compression, renegotiation_info [and session_ticket].</summary>
    private static byte[] ServerHello(byte[] random, byte[] sessionId, bool ticketExtension)
    {
        byte[] extensions = [0xFF, 0x01, 0x00, 0x01, 0x00, .. ticketExtension ? (byte[])[0x00, 0x23, 0x00, 0x00] : []];
        return HostileTls.Handshake(TlsHandshakeType.ServerHello,
            [0x03, 0x03, .. random, (byte)sessionId.Length, .. sessionId, Suite >> 8, Suite & 0xFF, 0, (byte)(extensions.Length >> 8), (byte)extensions.Length, .. extensions]);
    }
}
