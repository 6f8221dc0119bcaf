using System.Security.Cryptography;
using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// The server half of a TLS 1.3 handshake (RFC 8446 sections 4 and 7) with real P-256 key agreement
/// and TLS_AES_128_GCM_SHA256, so that a hostile script gets past the ServerHello with keys mailtls's
/// client really shares and can then misbehave inside the encrypted flight or after Finished. The
/// CertificateVerify signature is filler: mailtls's clients read its scheme and do not verify it.
/// </summary>
internal sealed class HostileTls13Handshake : IDisposable
{
    public const ushort Suite = 0x1301;

    // RFC 8446 section 4.1.3: the random of a HelloRetryRequest is SHA-256("HelloRetryRequest").
    private static readonly byte[] HelloRetryRandom = SHA256.HashData("HelloRetryRequest"u8);
    private static readonly HashAlgorithmName Hash = HashAlgorithmName.SHA256;
    private const int HashLength = 32;

    private readonly HostileClientHello _client;
    private readonly MemoryStream _transcript = new();
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    private byte[] _master = [];
    private byte[] _serverHandshakeSecret = [];
    private Tls13RecordProtection? _handshakeWrite;
    private Tls13RecordProtection? _applicationWrite;

    public HostileTls13Handshake(HostileClientHello client)
    {
        _client = client;
        _transcript.Write(client.Message);
    }

    /// <summary>
    /// A ServerHello record that accepts the client's first PSK identity (pre_shared_key, selected_identity 0),
    /// which is all mailtls's resumption test reads of a second connection; no keys follow.
    /// </summary>
    public static byte[] ServerHelloAcceptingPsk(HostileClientHello client)
    {
        byte[] keyShare = [0x00, (byte)TlsNamedGroup.Secp256r1, 0x00, 65, 0x04, .. client.KeyShares[TlsNamedGroup.Secp256r1][1..]];
        return HostileTls.Record(TlsContentType.Handshake, ServerHelloMessage(RandomNumberGenerator.GetBytes(32), client.SessionId, keyShare, [0x00, 0x29, 0x00, 0x02, 0x00, 0x00]));
    }

    /// <summary>A HelloRetryRequest asking for <paramref name="group"/>, as a record; the scripts that send one never finish the handshake.</summary>
    public static byte[] HelloRetryRequest(HostileClientHello client, TlsNamedGroup group) =>
        HostileTls.Record(TlsContentType.Handshake, ServerHelloMessage(HelloRetryRandom, client.SessionId, [(byte)((ushort)group >> 8), (byte)group]));

    /// <summary>
    /// The ServerHello record with this server's P-256 share (or <paramref name="share"/> as sent,
    /// for a server whose point is broken); derives the handshake traffic keys from the client's share.
    /// </summary>
    public byte[] ServerHello(byte[]? share = null)
    {
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        share ??= [0x04, .. point.X!, .. point.Y!];
        byte[] keyShare = [0x00, (byte)TlsNamedGroup.Secp256r1, (byte)(share.Length >> 8), (byte)share.Length, .. share];
        var message = ServerHelloMessage(RandomNumberGenerator.GetBytes(32), _client.SessionId, keyShare);
        _transcript.Write(message);

        var clientShare = _client.KeyShares[TlsNamedGroup.Secp256r1];
        using var peer = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = clientShare[1..33], Y = clientShare[33..] },
        });
        var emptyHash = SHA256.HashData([]);
        var early = TlsKeyDerivation.HkdfExtract(Hash, [], new byte[HashLength]);
        var handshakeSecret = TlsKeyDerivation.HkdfExtract(Hash, TlsKeyDerivation.DeriveSecret(Hash, early, "derived", emptyHash), _key.DeriveRawSecretAgreement(peer.PublicKey));
        _serverHandshakeSecret = TlsKeyDerivation.DeriveSecret(Hash, handshakeSecret, "s hs traffic", TranscriptHash());
        _master = TlsKeyDerivation.HkdfExtract(Hash, TlsKeyDerivation.DeriveSecret(Hash, handshakeSecret, "derived", emptyHash), new byte[HashLength]);
        _handshakeWrite = Tls13RecordProtection.FromTrafficSecret(Suite, _serverHandshakeSecret);
        return HostileTls.Record(TlsContentType.Handshake, message);
    }

    /// <summary>Handshake messages protected with the server handshake key, in records of at most 2^14 bytes; they join the transcript.</summary>
    public byte[] Protect(byte[] messages)
    {
        _transcript.Write(messages);
        return [.. messages.Chunk(1 << 14).SelectMany(chunk => Seal(TlsContentType.Handshake, chunk))];
    }

    /// <summary>One record sealed with the server handshake key whatever it holds (too long, not a handshake message); not in the transcript.</summary>
    public byte[] Seal(TlsContentType type, ReadOnlySpan<byte> content) => _handshakeWrite!.Seal(type, content);

    /// <summary>EncryptedExtensions (none), Certificate of <paramref name="certificates"/>, CertificateVerify: the messages before Finished.</summary>
    public static byte[] Flight(IEnumerable<byte[]> certificates) =>
        [.. EncryptedExtensions(), .. Certificate(certificates), .. CertificateVerify()];

    public static byte[] EncryptedExtensions() => HostileTls.Handshake(TlsHandshakeType.EncryptedExtensions, [0, 0]);

    /// <summary>struct { opaque certificate_request_context&lt;0..2^8-1&gt;; CertificateEntry certificate_list&lt;0..2^24-1&gt;; } Certificate, each entry without extensions.</summary>
    public static byte[] Certificate(IEnumerable<byte[]> certificates)
    {
        var list = certificates.SelectMany(der => (byte[])[(byte)(der.Length >> 16), (byte)(der.Length >> 8), (byte)der.Length, .. der, 0, 0]).ToArray();
        return HostileTls.Handshake(TlsHandshakeType.Certificate, [0, (byte)(list.Length >> 16), (byte)(list.Length >> 8), (byte)list.Length, .. list]);
    }

    /// <summary>ecdsa_secp256r1_sha256 with 64 bytes of filler.</summary>
    public static byte[] CertificateVerify() =>
        HostileTls.Handshake(TlsHandshakeType.CertificateVerify, [0x04, 0x03, 0x00, 64, .. new byte[64]]);

    /// <summary>The server's Finished over the transcript so far (RFC 8446 section 4.4.4), or a wrong one.</summary>
    public byte[] Finished(bool valid = true)
    {
        var finishedKey = TlsKeyDerivation.HkdfExpandLabel(Hash, _serverHandshakeSecret, "finished", [], HashLength);
        var mac = HMACSHA256.HashData(finishedKey, TranscriptHash());
        if (!valid)
        {
            mac[0] ^= 0xFF;
        }

        return HostileTls.Handshake(TlsHandshakeType.Finished, mac);
    }

    /// <summary>
    /// A record under the server application traffic key, derived from the transcript up to the
    /// server Finished (RFC 8446 section 7.1) the first time it is needed.
    /// </summary>
    public byte[] SealApplication(TlsContentType type, ReadOnlySpan<byte> content)
    {
        _applicationWrite ??= Tls13RecordProtection.FromTrafficSecret(Suite, TlsKeyDerivation.DeriveSecret(Hash, _master, "s ap traffic", TranscriptHash()));
        return _applicationWrite.Seal(type, content);
    }

    /// <summary>
    /// struct { uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce&lt;0..255&gt;;
    /// opaque ticket&lt;1..2^16-1&gt;; Extension extensions&lt;0..2^16-2&gt;; } NewSessionTicket.
    /// </summary>
    public static byte[] NewSessionTicket(ReadOnlySpan<byte> ticket) =>
        HostileTls.Handshake(TlsHandshakeType.NewSessionTicket, [0, 0, 0x1C, 0x20, 1, 2, 3, 4, 1, 0, (byte)(ticket.Length >> 8), (byte)ticket.Length, .. ticket, 0, 0]);

    public void Dispose()
    {
        _key.Dispose();
        _transcript.Dispose();
        _handshakeWrite?.Dispose();
        _applicationWrite?.Dispose();
    }

    private byte[] TranscriptHash() => SHA256.HashData(_transcript.ToArray());

    /// <summary>A TLS 1.3 ServerHello: legacy version, random, echoed session id, the suite, supported_versions, key_share and any more extensions.</summary>
    private static byte[] ServerHelloMessage(byte[] random, byte[] sessionId, byte[] keyShare, byte[]? moreExtensions = null)
    {
        byte[] extensions = [0x00, 0x2B, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, (byte)(keyShare.Length >> 8), (byte)keyShare.Length, .. keyShare, .. moreExtensions ?? []];
        return HostileTls.Handshake(TlsHandshakeType.ServerHello,
            [0x03, 0x03, .. random, (byte)sessionId.Length, .. sessionId, Suite >> 8, Suite & 0xFF, 0, (byte)(extensions.Length >> 8), (byte)extensions.Length, .. extensions]);
    }
}
