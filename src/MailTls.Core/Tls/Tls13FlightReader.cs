using System.Security.Cryptography;

namespace MailTls.Core.Tls;

/*
 * NAME
 *   Tls13FlightReader - the client side of a TLS 1.3 handshake up to the server's CertificateVerify.
 *
 * SUMMARY
 *   Builds a TLS 1.3 ClientHello with an ephemeral secp256r1 key share (the BCL has no X25519 on
 *   Linux, so only NIST groups are offered), answers one HelloRetryRequest for secp384r1 or
 *   secp521r1 with a second ClientHello, computes the (EC)DHE secret and the server handshake
 *   traffic key (RFC 8446 section 7), decrypts the server's records and reads EncryptedExtensions,
 *   Certificate and CertificateVerify. The client never sends its Finished: the caller drops the
 *   connection, so no session is ever established and no application data can flow.
 *
 * INPUTS
 *   All bytes received on the connection since the first ClientHello, passed again each time more
 *   arrive; the reader remembers how far it got, so every record is decrypted once.
 *
 * DIAGNOSTICS
 *   Peer data never throws: a malformed record or message, a key share that is not a valid point,
 *   a suite or group that was not offered, a record that does not decrypt, or a limit exceeded is
 *   ParseStatus.Invalid with a TlsParseError and the offset of the offending record.
 */

/// <summary>
/// Reads a server's encrypted TLS 1.3 flight (certificate chain and signature scheme) without
/// completing the handshake. One instance serves one connection. Not thread-safe.
/// </summary>
public sealed partial class Tls13FlightReader : IDisposable
{
    private const int RandomLength = 32;

    // Compatibility change_cipher_spec records (RFC 8446 appendix D.4) are skipped, but only a few.
    private const int MaxSkippedRecords = 4;

    /// <summary>The groups offered, in preference order; the key share goes with the first.</summary>
    private static readonly TlsNamedGroup[] Groups = [TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1, TlsNamedGroup.Secp521r1];

    private readonly ParserLimits _limits;
    private readonly TlsHandshakeBuffer _plaintext;
    private readonly List<byte[]> _transcript = [];
    private readonly byte[] _random = RandomNumberGenerator.GetBytes(RandomLength);
    private readonly byte[] _sessionId = RandomNumberGenerator.GetBytes(RandomLength);
    private ClientHelloOptions? _hello;
    private ECDiffieHellman? _key;
    private TlsNamedGroup _keyGroup;
    private ServerHelloInfo? _retry;
    private bool _retried;
    private int _offset;
    private int _skipped;

    /// <summary>Creates a reader bound by <paramref name="limits"/>.</summary>
    public Tls13FlightReader(ParserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _plaintext = new TlsHandshakeBuffer(limits);
    }

    /// <summary>The TLS 1.3 suites mailtls can decrypt on this platform (AES-GCM always, ChaCha20-Poly1305 where available).</summary>
    public static IReadOnlyList<ushort> DecryptableSuites { get; } = [.. Tls13Suite.Supported.Select(s => s.Code)];

    /// <summary>
    /// Builds the first ClientHello as records. The version is TLS 1.3 alone; groups, key share,
    /// random and session id are the reader's own; everything else (suites, signature algorithms,
    /// SNI, padding) comes from <paramref name="options"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A hello was already built.</exception>
    public byte[] BuildClientHello(ClientHelloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_hello is not null)
        {
            throw new InvalidOperationException("The first ClientHello was already built.");
        }

        _hello = options with
        {
            MaxVersion = TlsProtocolVersion.Tls13,
            MinVersion = TlsProtocolVersion.Tls13,
            SupportedGroups = Groups,
            Random = _random,
            SessionId = _sessionId,
            OfferDeflate = false,
        };
        return Hello(Groups[0]);
    }

    /// <summary>
    /// After a flight that is a HelloRetryRequest: the second ClientHello, the same as the first but
    /// with a key share for the group the server asked for (RFC 8446 section 4.1.2). Null when it
    /// cannot be sent: the group is not one mailtls computes, or the server wants a cookie echoed.
    /// </summary>
    public byte[]? BuildRetryHello()
    {
        if (_retry is not { KeyShareGroup: { } group } retry || _retried || !Groups.Contains(group) || group == _keyGroup
            || retry.HasExtension(TlsExtensionType.Cookie))
        {
            return null;
        }

        // RFC 8446 section 4.4.1: the first ClientHello is replaced by message_hash(Hash(ClientHello1)).
        var hash = Tls13Suite.Find(retry.CipherSuite)!.Hash;
        var first = Tls13KeySchedule.TranscriptHash(hash, [_transcript[0]]);
        byte[] messageHash = [(byte)TlsHandshakeType.MessageHash, 0, 0, (byte)first.Length, .. first];
        _transcript[0] = messageHash;
        _retried = true;
        return Hello(group);
    }

    /// <summary>Reads on from where the last call stopped.</summary>
    /// <param name="received">Every byte received since the first ClientHello was sent.</param>
    /// <param name="flight">What was read when done.</param>
    /// <param name="consumed">Bytes used when done; the offset of the bad record when invalid.</param>
    /// <param name="error">Why the flight is invalid.</param>
    public ParseStatus TryRead(ReadOnlySpan<byte> received, out Tls13FlightInfo? flight, out int consumed, out TlsParseError error)
    {
        if (_hello is null)
        {
            throw new InvalidOperationException("Build the ClientHello first.");
        }

        flight = null;
        while (true)
        {
            var status = TlsRecord.TryRead(received[_offset..], _limits, out var record, out var used, out error);
            if (status != ParseStatus.Done)
            {
                consumed = _offset + used;
                return status;
            }

            var recordOffset = _offset;
            _offset += used;
            consumed = recordOffset;
            status = _protection is null
                ? ReadPlaintext(record, out flight, out error)
                : ReadProtected(received.Slice(recordOffset, TlsRecord.HeaderLength), record, out flight, out error);
            if (status == ParseStatus.Invalid)
            {
                return status;
            }

            if (status == ParseStatus.Done)
            {
                consumed = _offset;
                return status;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key?.Dispose();
        _protection?.Dispose();
    }

    private byte[] Hello(TlsNamedGroup group)
    {
        _key?.Dispose();
        _key = ECDiffieHellman.Create(Curve(group));
        _keyGroup = group;
        var options = _hello! with { KeyShareGroups = [group], KeyShareFactory = _ => PublicPoint(_key) };
        var message = ClientHelloBuilder.BuildHandshakeMessage(options);
        _transcript.Add(message);
        return ClientHelloBuilder.ToRecords(message, options.RecordVersion ?? (ushort)TlsProtocolVersion.Tls10);
    }

    /// <summary>Records before the server's keys are known: the ServerHello or HelloRetryRequest, an alert, compatibility change_cipher_spec.</summary>
    private ParseStatus ReadPlaintext(TlsRecord record, out Tls13FlightInfo? flight, out TlsParseError error)
    {
        flight = null;
        error = TlsParseError.None;
        switch (record.ContentType)
        {
            case TlsContentType.Alert:
                return ReadAlert(record.Fragment, out flight, out error);

            case TlsContentType.ChangeCipherSpec when _retry is not null && ++_skipped <= MaxSkippedRecords:
                return ParseStatus.NeedMoreData;

            case TlsContentType.Handshake:
                if (_plaintext.Append(record.Fragment, out error) != ParseStatus.Done)
                {
                    return ParseStatus.Invalid;
                }

                var status = _plaintext.TryReadMessage(out var message, out error);
                if (status != ParseStatus.Done)
                {
                    return status;
                }

                return ReadServerHello(message, out flight, out error);

            default:
                error = TlsParseError.UnexpectedRecord;
                return ParseStatus.Invalid;
        }
    }

    private ParseStatus ReadServerHello(TlsHandshakeMessage message, out Tls13FlightInfo? flight, out TlsParseError error)
    {
        flight = null;
        if (ServerHelloReader.TryRead(message, _limits, out var hello, out _, out error) != ParseStatus.Done)
        {
            error = error == TlsParseError.None ? TlsParseError.UnexpectedHandshakeType : error;
            return ParseStatus.Invalid;
        }

        // RFC 8446 section 5.1: a message before a key change must end with its record.
        if (_plaintext.BufferedLength > 0)
        {
            error = TlsParseError.TrailingData;
            return ParseStatus.Invalid;
        }

        byte[] wire = [(byte)message.Type, (byte)(message.Body.Length >> 16), (byte)(message.Body.Length >> 8), (byte)message.Body.Length, .. message.Body];
        if (hello!.Version != TlsProtocolVersion.Tls13)
        {
            // Another version: the caller learns that TLS 1.3 was not chosen; there is nothing encrypted to read.
            flight = new Tls13FlightInfo { ServerHello = hello, Retried = _retried };
            return ParseStatus.Done;
        }

        if (!_hello!.CipherSuites.Contains(hello.CipherSuite) || Tls13Suite.Find(hello.CipherSuite) is not { } suite
            || (_retry is not null && _retry.CipherSuite != hello.CipherSuite))
        {
            error = TlsParseError.BadValue;
            return ParseStatus.Invalid;
        }

        if (hello.IsHelloRetryRequest)
        {
            // RFC 8446 section 4.1.4: a second HelloRetryRequest is an unexpected_message.
            if (_retry is not null)
            {
                error = TlsParseError.UnexpectedHandshakeType;
                return ParseStatus.Invalid;
            }

            // RFC 8446 section 4.1.4: one that would not change the ClientHello (the group already shared) is an illegal_parameter.
            if (hello.KeyShareGroup == _keyGroup)
            {
                error = TlsParseError.BadValue;
                return ParseStatus.Invalid;
            }

            _retry = hello;
            _transcript.Add(wire);
            flight = new Tls13FlightInfo { ServerHello = hello };
            return ParseStatus.Done;
        }

        if (hello.KeyShareGroup != _keyGroup || !TryServerShare(message.Body, out var share) || !TrySharedSecret(share, out var secret))
        {
            error = TlsParseError.BadValue;
            return ParseStatus.Invalid;
        }

        _transcript.Add(wire);
        StartDecryption(suite, secret);
        _serverHello = hello;
        return ParseStatus.NeedMoreData;
    }

    private ParseStatus ReadAlert(ReadOnlySpan<byte> fragment, out Tls13FlightInfo? flight, out TlsParseError error)
    {
        flight = null;
        if (TlsAlert.TryRead(fragment, out var alert, out var used, out error) != ParseStatus.Done || used != fragment.Length)
        {
            error = TlsParseError.BadAlert;
            return ParseStatus.Invalid;
        }

        flight = new Tls13FlightInfo { ServerHello = _serverHello, Alert = alert, Retried = _retried };
        return ParseStatus.Done;
    }

    /// <summary>The server's key_exchange value from its ServerHello's key_share (RFC 8446 section 4.2.8).</summary>
    private static bool TryServerShare(ReadOnlySpan<byte> body, out byte[] share)
    {
        share = [];
        var reader = new TlsReader(body);
        if (!reader.TryReadBytes(2 + RandomLength, out _) || !reader.TryReadVector8(out _) || !reader.TryReadBytes(3, out _)
            || !reader.TryReadVector16(out var extensions))
        {
            return false;
        }

        var list = new TlsReader(extensions);
        while (list.TryReadUInt16(out var type) && list.TryReadVector16(out var value))
        {
            var entry = new TlsReader(value);
            if ((TlsExtensionType)type == TlsExtensionType.KeyShare && entry.TryReadUInt16(out _) && entry.TryReadVector16(out var key))
            {
                share = key.ToArray();
                return true;
            }
        }

        return false;
    }

    /// <summary>RFC 8446 section 7.4.2: the shared secret is the x coordinate of the ECDH result, the server's point uncompressed.</summary>
    private bool TrySharedSecret(byte[] share, out byte[] secret)
    {
        secret = [];
        var coordinate = (share.Length - 1) / 2;
        var expected = _keyGroup switch
        {
            TlsNamedGroup.Secp256r1 => 32,
            TlsNamedGroup.Secp384r1 => 48,
            _ => 66,
        };
        if (share.Length != 1 + (2 * expected) || share[0] != 0x04)
        {
            return false;
        }

        try
        {
            using var peer = ECDiffieHellman.Create(new ECParameters
            {
                Curve = Curve(_keyGroup),
                Q = new ECPoint { X = share[1..(1 + coordinate)], Y = share[(1 + coordinate)..] },
            });
            secret = _key!.DeriveRawSecretAgreement(peer.PublicKey);
            return true;
        }
        catch (CryptographicException)
        {
            // Not a point on the curve: a broken or hostile server (RFC 8446 section 4.2.8.2 requires the check).
            return false;
        }
    }

    private static ECCurve Curve(TlsNamedGroup group) => group switch
    {
        TlsNamedGroup.Secp256r1 => ECCurve.NamedCurves.nistP256,
        TlsNamedGroup.Secp384r1 => ECCurve.NamedCurves.nistP384,
        TlsNamedGroup.Secp521r1 => ECCurve.NamedCurves.nistP521,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Only the NIST groups are computed."),
    };

    private static byte[] PublicPoint(ECDiffieHellman key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
    }
}
