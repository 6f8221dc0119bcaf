using System.Security.Cryptography;
using System.Text;

namespace MailTls.Core.Tls;

/// <summary>
/// Builds ClientHello records byte by byte for SSLv3 to TLS 1.3, without any TLS library, so that a
/// probe can offer protocol versions and suites the local OpenSSL no longer implements. Only the
/// first flight is produced: the server's answer (ServerHello, Certificate, ServerKeyExchange or an
/// alert) is enough to learn what it accepts, and the connection is then dropped.
/// </summary>
public static class ClientHelloBuilder
{
    private const int RandomLength = 32;
    private const int Tls13SessionIdLength = 32;
    private const int ExtensionHeaderLength = 4;
    private const byte CompressionNull = 0;
    private const byte CompressionDeflate = 1;
    private const byte EcPointFormatUncompressed = 0;
    private const byte ServerNameTypeHostName = 0;
    private const byte PskModeDheKe = 1;
    private const int MaxPlaintextFragment = 1 << 14;
    private const int MaxCipherSuites = (ushort.MaxValue / 2) - 2;

    /// <summary>TLS_EMPTY_RENEGOTIATION_INFO_SCSV, RFC 5746.</summary>
    public const ushort EmptyRenegotiationInfoScsv = 0x00FF;

    /// <summary>TLS_FALLBACK_SCSV, RFC 7507.</summary>
    public const ushort FallbackScsv = 0x5600;

    /// <summary>Builds the ClientHello as handshake records (5-byte header each, fragments of at most 2^14 bytes).</summary>
    /// <exception cref="ArgumentException">The options cannot be encoded (for example more than 32767 suites).</exception>
    public static byte[] BuildRecord(ClientHelloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var recordVersion = options.RecordVersion
            ?? (options.MaxVersion == TlsProtocolVersion.Ssl3 ? (ushort)TlsProtocolVersion.Ssl3 : (ushort)TlsProtocolVersion.Tls10);
        return ToRecords(BuildHandshakeMessage(options), recordVersion);
    }

    /// <summary>Puts a handshake message into handshake records of <paramref name="recordVersion"/>.</summary>
    internal static byte[] ToRecords(ReadOnlySpan<byte> message, ushort recordVersion)
    {
        // RFC 8446 section 5.1 / RFC 5246 section 6.2.1: a record carries at most 2^14 bytes, so a
        // long hello (thousands of suites) is fragmented over several handshake records.
        var writer = new TlsWriter();
        for (var offset = 0; offset < message.Length; offset += MaxPlaintextFragment)
        {
            writer.WriteUInt8((byte)TlsContentType.Handshake);
            writer.WriteUInt16(recordVersion);
            var record = writer.BeginVector(2);
            writer.WriteBytes(message.Slice(offset, Math.Min(MaxPlaintextFragment, message.Length - offset)));
            writer.EndVector(record);
        }

        return writer.ToArray();
    }

    /// <summary>
    /// Builds the ClientHello handshake message (4-byte header plus body).
    /// <code>
    /// struct {
    ///     ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
    ///     Random random;
    ///     opaque legacy_session_id&lt;0..32&gt;;
    ///     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
    ///     opaque legacy_compression_methods&lt;1..2^8-1&gt;;
    ///     Extension extensions&lt;8..2^16-1&gt;;
    /// } ClientHello;
    /// </code>
    /// </summary>
    /// <exception cref="ArgumentException">The options cannot be encoded.</exception>
    public static byte[] BuildHandshakeMessage(ClientHelloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Random is { Length: not RandomLength })
        {
            throw new ArgumentException("The client random must be 32 bytes.", nameof(options));
        }

        // cipher_suites<2..2^16-2>, leaving room for the two signalling values.
        if (options.CipherSuites.Count > MaxCipherSuites)
        {
            throw new ArgumentException($"At most {MaxCipherSuites} cipher suites fit in a ClientHello.", nameof(options));
        }

        var isTls13 = options.MaxVersion >= TlsProtocolVersion.Tls13;
        var legacyVersion = isTls13 ? (ushort)TlsProtocolVersion.Tls12 : (ushort)options.MaxVersion;

        var body = new TlsWriter();
        body.WriteUInt16(legacyVersion);
        body.WriteBytes(options.Random is { } random ? random.Span : RandomNumberGenerator.GetBytes(RandomLength));

        var sessionId = body.BeginVector(1);
        if (options.SessionId is { } id)
        {
            body.WriteBytes(id.Span);
        }
        else if (isTls13)
        {
            body.WriteBytes(RandomNumberGenerator.GetBytes(Tls13SessionIdLength));
        }

        body.EndVector(sessionId);

        var suites = body.BeginVector(2);
        foreach (var suite in options.CipherSuites)
        {
            body.WriteUInt16(suite);
        }

        if (options.Renegotiation == RenegotiationSignal.Scsv)
        {
            body.WriteUInt16(EmptyRenegotiationInfoScsv);
        }

        if (options.FallbackScsv)
        {
            body.WriteUInt16(FallbackScsv);
        }

        body.EndVector(suites);

        var compression = body.BeginVector(1);
        if (options.OfferDeflate)
        {
            body.WriteUInt8(CompressionDeflate);
        }

        body.WriteUInt8(CompressionNull);
        body.EndVector(compression);

        if (options.IncludeExtensions)
        {
            WriteExtensions(body, options, isTls13);
        }

        var message = new TlsWriter();
        message.WriteUInt8((byte)TlsHandshakeType.ClientHello);
        var length = message.BeginVector(3);
        message.WriteBytes(body.WrittenSpan);
        message.EndVector(length);
        return message.ToArray();
    }

    /// <summary>
    /// Creates a key_share value for <paramref name="group"/>. NIST curves get a real ephemeral public key
    /// (uncompressed point). X25519, X448 and the finite-field groups get random bytes of the right size:
    /// the BCL has no X25519, and for probing that is enough, because the server reveals its choice of
    /// group in the ServerHello (or a HelloRetryRequest) before it would need a valid key, and the probe
    /// never finishes the handshake. A server that validates the point early may answer illegal_parameter,
    /// which a probe must not mistake for a refused version.
    /// </summary>
    public static byte[] CreateKeyShare(TlsNamedGroup group)
    {
        return group switch
        {
            TlsNamedGroup.Secp256r1 => EcPublicPoint(ECCurve.NamedCurves.nistP256),
            TlsNamedGroup.Secp384r1 => EcPublicPoint(ECCurve.NamedCurves.nistP384),
            TlsNamedGroup.Secp521r1 => EcPublicPoint(ECCurve.NamedCurves.nistP521),
            TlsNamedGroup.X448 => RandomNumberGenerator.GetBytes(56),
            TlsNamedGroup.Ffdhe2048 => RandomFiniteFieldShare(2048),
            TlsNamedGroup.Ffdhe3072 => RandomFiniteFieldShare(3072),
            TlsNamedGroup.Ffdhe4096 => RandomFiniteFieldShare(4096),
            TlsNamedGroup.Ffdhe6144 => RandomFiniteFieldShare(6144),
            TlsNamedGroup.Ffdhe8192 => RandomFiniteFieldShare(8192),
            _ => RandomNumberGenerator.GetBytes(32),
        };
    }

    private static void WriteExtensions(TlsWriter body, ClientHelloOptions options, bool isTls13)
    {
        var extensions = body.BeginVector(2);
        var extensionsStart = body.Length;

        if (options.ServerName is { } serverName)
        {
            // RFC 6066 section 3: ServerNameList of one host_name entry (ASCII, no trailing dot).
            var ext = BeginExtension(body, TlsExtensionType.ServerName);
            var list = body.BeginVector(2);
            body.WriteUInt8(ServerNameTypeHostName);
            var name = body.BeginVector(2);
            body.WriteBytes(Encoding.ASCII.GetBytes(serverName.TrimEnd('.')));
            body.EndVector(name);
            body.EndVector(list);
            body.EndVector(ext);
        }

        if (options.SupportedGroups.Count > 0)
        {
            // RFC 8422 section 5.1.2: only the uncompressed point format is still defined.
            var formats = BeginExtension(body, TlsExtensionType.EcPointFormats);
            var formatList = body.BeginVector(1);
            body.WriteUInt8(EcPointFormatUncompressed);
            body.EndVector(formatList);
            body.EndVector(formats);

            var groups = BeginExtension(body, TlsExtensionType.SupportedGroups);
            var groupList = body.BeginVector(2);
            foreach (var group in options.SupportedGroups)
            {
                body.WriteUInt16((ushort)group);
            }

            body.EndVector(groupList);
            body.EndVector(groups);
        }

        if (options.SessionTicket)
        {
            var ticket = BeginExtension(body, TlsExtensionType.SessionTicket);
            body.WriteBytes(options.SessionTicketData is { } data ? data.Span : []);
            body.EndVector(ticket);
        }

        if (options.EncryptThenMac)
        {
            WriteEmptyExtension(body, TlsExtensionType.EncryptThenMac);
        }

        if (options.ExtendedMasterSecret)
        {
            WriteEmptyExtension(body, TlsExtensionType.ExtendedMasterSecret);
        }

        if (options.MaxVersion >= TlsProtocolVersion.Tls12 && options.SignatureAlgorithms.Count > 0)
        {
            var sigalgs = BeginExtension(body, TlsExtensionType.SignatureAlgorithms);
            var list = body.BeginVector(2);
            foreach (var scheme in options.SignatureAlgorithms)
            {
                body.WriteUInt16((ushort)scheme);
            }

            body.EndVector(list);
            body.EndVector(sigalgs);
        }

        if (isTls13)
        {
            WriteTls13Extensions(body, options);
        }

        if (options.Renegotiation == RenegotiationSignal.Extension)
        {
            // RFC 5746 section 3.2: an initial handshake carries an empty renegotiated_connection.
            var reneg = BeginExtension(body, TlsExtensionType.RenegotiationInfo);
            body.WriteUInt8(0);
            body.EndVector(reneg);
        }

        if (options.PadToLength > 0)
        {
            // Handshake message = 4-byte header + body so far (the extensions are part of it).
            var messageLength = TlsHandshakeMessage.HeaderLength + body.Length;
            var missing = options.PadToLength - messageLength - ExtensionHeaderLength;
            if (messageLength < options.PadToLength)
            {
                var padding = BeginExtension(body, TlsExtensionType.Padding);
                body.WriteBytes(new byte[Math.Max(missing, 0)]);
                body.EndVector(padding);
            }
        }

        if (body.Length == extensionsStart)
        {
            // RFC 5246 section 7.4.1.2: with no extensions the field is omitted, not sent empty.
            body.Truncate(extensionsStart - 2);
            return;
        }

        body.EndVector(extensions);
    }

    private static void WriteTls13Extensions(TlsWriter body, ClientHelloOptions options)
    {
        // RFC 8446 section 4.2.1: versions in preference order, highest first.
        var versions = BeginExtension(body, TlsExtensionType.SupportedVersions);
        var versionList = body.BeginVector(1);
        var min = options.MinVersion > options.MaxVersion ? options.MaxVersion : options.MinVersion;
        for (var version = (int)options.MaxVersion; version >= (int)min && version >= (int)TlsProtocolVersion.Ssl3; version--)
        {
            body.WriteUInt16((ushort)version);
        }

        body.EndVector(versionList);
        body.EndVector(versions);

        var modes = BeginExtension(body, TlsExtensionType.PskKeyExchangeModes);
        var modeList = body.BeginVector(1);
        body.WriteUInt8(PskModeDheKe);
        body.EndVector(modeList);
        body.EndVector(modes);

        // RFC 8446 section 4.2.8: KeyShareEntry { NamedGroup group; opaque key_exchange<1..2^16-1>; }
        var keyShare = BeginExtension(body, TlsExtensionType.KeyShare);
        var shares = body.BeginVector(2);
        foreach (var group in options.KeyShareGroups)
        {
            body.WriteUInt16((ushort)group);
            var key = body.BeginVector(2);
            body.WriteBytes(options.KeyShareFactory?.Invoke(group) ?? CreateKeyShare(group));
            body.EndVector(key);
        }

        body.EndVector(shares);
        body.EndVector(keyShare);
    }

    private static int BeginExtension(TlsWriter writer, TlsExtensionType type)
    {
        writer.WriteUInt16((ushort)type);
        return writer.BeginVector(2);
    }

    private static void WriteEmptyExtension(TlsWriter writer, TlsExtensionType type)
    {
        writer.WriteUInt16((ushort)type);
        writer.WriteUInt16(0);
    }

    private static byte[] EcPublicPoint(ECCurve curve)
    {
        using var ecdh = ECDiffieHellman.Create(curve);
        var parameters = ecdh.ExportParameters(includePrivateParameters: false);
        var x = parameters.Q.X!;
        var y = parameters.Q.Y!;
        var point = new byte[1 + x.Length + y.Length];
        point[0] = 0x04; // uncompressed, RFC 8446 section 4.2.8.2
        x.CopyTo(point, 1);
        y.CopyTo(point, 1 + x.Length);
        return point;
    }

    private static byte[] RandomFiniteFieldShare(int bits)
    {
        // RFC 7919 primes start with 64 one bits, so a random value with a zero top bit is below p.
        var share = RandomNumberGenerator.GetBytes(bits / 8);
        share[0] &= 0x7F;
        return share;
    }
}
