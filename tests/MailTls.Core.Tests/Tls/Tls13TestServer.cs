using System.Buffers.Binary;
using System.Security.Cryptography;
using MailTls.Core.Tls;

namespace MailTls.Core.Tests.Tls;

/// <summary>
/// The server half of a TLS 1.3 handshake, up to CertificateVerify, for the reader's tests: it reads
/// the client's key share from a real ClientHello, picks its own ephemeral key, and protects the
/// flight with the key schedule (itself checked against RFC 8448). The signature is filler: the
/// reader takes the scheme from CertificateVerify and does not verify it.
/// </summary>
internal sealed class Tls13TestServer
{
    private static readonly byte[] HelloRetryRandom = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    private readonly List<byte[]> _transcript = [];

    public ushort Suite { get; init; } = 0x1301;

    public TlsNamedGroup? RetryGroup { get; init; }

    public IReadOnlyList<byte[]> Certificates { get; init; } = [RandomNumberGenerator.GetBytes(300)];

    public TlsSignatureScheme Scheme { get; init; } = TlsSignatureScheme.EcdsaSecp256r1Sha256;

    /// <summary>Records to split the protected flight into (1 = one record, as OpenSSL sends a small flight).</summary>
    public int Records { get; init; } = 1;

    /// <summary>Sends a compatibility change_cipher_spec after the ServerHello, as OpenSSL does.</summary>
    public bool CompatibilityChangeCipherSpec { get; init; } = true;

    /// <summary>A HelloRetryRequest (first hello) or the whole flight up to CertificateVerify.</summary>
    public byte[] Answer(byte[] clientHelloRecords)
    {
        var clientHello = HandshakeMessage(clientHelloRecords);
        var (sessionId, shares) = ReadClientHello(clientHello);
        if (RetryGroup is { } retry && _transcript.Count == 0)
        {
            var hash = Hash();
            var first = Tls13KeySchedule.TranscriptHash(hash, [clientHello]);
            _transcript.Add([(byte)TlsHandshakeType.MessageHash, 0, 0, (byte)first.Length, .. first]);
            var hrr = ServerHello(HelloRetryRandom, sessionId, retry, null);
            _transcript.Add(hrr);
            return [.. Record(TlsContentType.Handshake, hrr), .. Record(TlsContentType.ChangeCipherSpec, [1])];
        }

        _transcript.Add(clientHello);
        var (group, clientShare) = shares.First();
        var curve = group switch
        {
            TlsNamedGroup.Secp256r1 => ECCurve.NamedCurves.nistP256,
            TlsNamedGroup.Secp384r1 => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        };
        using var key = ECDiffieHellman.Create(curve);
        var coordinate = (clientShare.Length - 1) / 2;
        using var peer = ECDiffieHellman.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = clientShare[1..(1 + coordinate)], Y = clientShare[(1 + coordinate)..] } });
        var shared = key.DeriveRawSecretAgreement(peer.PublicKey);
        var point = key.ExportParameters(false).Q;
        var serverHello = ServerHello(RandomNumberGenerator.GetBytes(32), sessionId, group, [0x04, .. point.X!, .. point.Y!]);
        _transcript.Add(serverHello);

        var suite = Tls13Suite.Find(Suite)!;
        var secret = Tls13KeySchedule.ServerHandshakeTrafficSecret(suite.Hash, Tls13KeySchedule.HandshakeSecret(suite.Hash, shared), Tls13KeySchedule.TranscriptHash(suite.Hash, _transcript));
        var (writeKey, iv) = Tls13KeySchedule.TrafficKey(suite.Hash, secret, suite.KeyLength);
        var flight = Flight();
        var output = new List<byte>(Record(TlsContentType.Handshake, serverHello));
        if (CompatibilityChangeCipherSpec)
        {
            output.AddRange(Record(TlsContentType.ChangeCipherSpec, [1]));
        }

        var size = (flight.Length + Records - 1) / Records;
        for (var (offset, sequence) = (0, 0UL); offset < flight.Length; offset += size, sequence++)
        {
            output.AddRange(Protect(suite, writeKey, iv, sequence, flight.AsSpan(offset, Math.Min(size, flight.Length - offset))));
        }

        return [.. output];
    }

    /// <summary>Only a ServerHello with a valid secp256r1 share (for servers that break the rules before encrypting).</summary>
    public byte[] AnswerHelloOnly(byte[] clientHelloRecords)
    {
        var (sessionId, _) = ReadClientHello(HandshakeMessage(clientHelloRecords));
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        return Record(TlsContentType.Handshake, ServerHello(RandomNumberGenerator.GetBytes(32), sessionId, TlsNamedGroup.Secp256r1, [0x04, .. point.X!, .. point.Y!]));
    }

    /// <summary>EncryptedExtensions (empty), Certificate, CertificateVerify.</summary>
    private byte[] Flight()
    {
        byte[] extensions = [0, 0];
        var entries = Certificates.SelectMany(c => (byte[])[.. Length(c.Length, 3), .. c, 0, 0]).ToArray();
        byte[] certificate = [0, .. Length(entries.Length, 3), .. entries];
        byte[] verify = [(byte)((ushort)Scheme >> 8), (byte)Scheme, 0, 64, .. new byte[64]];
        return [.. Message(TlsHandshakeType.EncryptedExtensions, extensions), .. Message(TlsHandshakeType.Certificate, certificate), .. Message(TlsHandshakeType.CertificateVerify, verify)];
    }

    private HashAlgorithmName Hash() => Tls13Suite.Find(Suite)!.Hash;

    private byte[] ServerHello(byte[] random, byte[] sessionId, TlsNamedGroup group, byte[]? share)
    {
        byte[] keyShare = share is null ? [.. Length((ushort)group, 2)] : [.. Length((ushort)group, 2), .. Length(share.Length, 2), .. share];
        byte[] extensions = [0x00, 0x2B, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, .. Length(keyShare.Length, 2), .. keyShare];
        byte[] body = [0x03, 0x03, .. random, (byte)sessionId.Length, .. sessionId, .. Length(Suite, 2), 0, .. Length(extensions.Length, 2), .. extensions];
        return Message(TlsHandshakeType.ServerHello, body);
    }

    private static byte[] Protect(Tls13Suite suite, byte[] key, byte[] iv, ulong sequence, ReadOnlySpan<byte> content)
    {
        byte[] inner = [.. content, (byte)TlsContentType.Handshake, 0, 0, 0];
        byte[] header = [(byte)TlsContentType.ApplicationData, 3, 3, .. Length(inner.Length + 16, 2)];
        var nonce = (byte[])iv.Clone();
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(counter, sequence);
        for (var i = 0; i < 8; i++)
        {
            nonce[4 + i] ^= counter[i];
        }

        var ciphertext = new byte[inner.Length];
        var tag = new byte[16];
        if (suite.ChaCha)
        {
            using var chacha = new ChaCha20Poly1305(key);
            chacha.Encrypt(nonce, inner, ciphertext, tag, header);
        }
        else
        {
            using var gcm = new AesGcm(key, 16);
            gcm.Encrypt(nonce, inner, ciphertext, tag, header);
        }

        return [.. header, .. ciphertext, .. tag];
    }

    private static (byte[] SessionId, List<(TlsNamedGroup Group, byte[] Share)> Shares) ReadClientHello(byte[] message)
    {
        var reader = new TlsReader(message.AsSpan(4));
        reader.TryReadBytes(34, out _);
        reader.TryReadVector8(out var sessionId);
        reader.TryReadVector16(out _);
        reader.TryReadVector8(out _);
        reader.TryReadVector16(out var extensions);
        var list = new TlsReader(extensions);
        var shares = new List<(TlsNamedGroup, byte[])>();
        while (list.TryReadUInt16(out var type) && list.TryReadVector16(out var value))
        {
            if ((TlsExtensionType)type != TlsExtensionType.KeyShare)
            {
                continue;
            }

            var outer = new TlsReader(value);
            outer.TryReadVector16(out var entries);
            var entryReader = new TlsReader(entries);
            while (entryReader.TryReadUInt16(out var group) && entryReader.TryReadVector16(out var share))
            {
                shares.Add(((TlsNamedGroup)group, share.ToArray()));
            }
        }

        return (sessionId.ToArray(), shares);
    }

    private static byte[] HandshakeMessage(byte[] records)
    {
        var reader = new TlsReader(records);
        var message = new List<byte>();
        while (reader.TryReadBytes(3, out _) && reader.TryReadVector16(out var fragment))
        {
            message.AddRange(fragment.ToArray());
        }

        return [.. message];
    }

    private static byte[] Message(TlsHandshakeType type, byte[] body) => [(byte)type, .. Length(body.Length, 3), .. body];

    public static byte[] Record(TlsContentType type, byte[] fragment) => [(byte)type, 3, 3, .. Length(fragment.Length, 2), .. fragment];

    private static byte[] Length(int value, int bytes) => bytes == 3 ? [(byte)(value >> 16), (byte)(value >> 8), (byte)value] : [(byte)(value >> 8), (byte)value];
}
