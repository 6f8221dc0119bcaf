using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// What a hostile script needs from the client's hello to get past key agreement before it
/// misbehaves: the random, the session id to echo, the key shares (with their bytes, which the
/// product's reader does not keep) and which extensions were sent.
/// </summary>
internal sealed record HostileClientHello(
    byte[] Message, byte[] Random, byte[] SessionId, IReadOnlyDictionary<TlsNamedGroup, byte[]> KeyShares, IReadOnlyDictionary<TlsExtensionType, byte[]> Extensions)
{
    /// <summary>
    /// Reads the handshake message of one ClientHello record: struct { ProtocolVersion legacy_version;
    /// Random random; opaque legacy_session_id&lt;0..32&gt;; CipherSuite cipher_suites&lt;2..2^16-2&gt;;
    /// opaque legacy_compression_methods&lt;1..2^8-1&gt;; Extension extensions&lt;8..2^16-1&gt;; } ClientHello.
    /// The client is mailtls's own, so a hello that does not read is a test failure.
    /// </summary>
    public static HostileClientHello Read(byte[] record)
    {
        var message = record[TlsRecord.HeaderLength..];
        var reader = new TlsReader(message.AsSpan(TlsHandshakeMessage.HeaderLength));
        if (!reader.TryReadBytes(2, out _) || !reader.TryReadBytes(32, out var random) || !reader.TryReadVector8(out var sessionId)
            || !reader.TryReadVector16(out _) || !reader.TryReadVector8(out _) || !reader.TryReadVector16(out var extensionBytes))
        {
            throw new InvalidDataException("mailtls's ClientHello does not read");
        }

        var extensions = new Dictionary<TlsExtensionType, byte[]>();
        var shares = new Dictionary<TlsNamedGroup, byte[]>();
        var list = new TlsReader(extensionBytes);
        while (list.TryReadUInt16(out var type) && list.TryReadVector16(out var value))
        {
            extensions[(TlsExtensionType)type] = value.ToArray();
            if ((TlsExtensionType)type == TlsExtensionType.KeyShare)
            {
                // struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry, in client_shares<0..2^16-1>.
                var outer = new TlsReader(value);
                outer.TryReadVector16(out var entries);
                var entry = new TlsReader(entries);
                while (entry.TryReadUInt16(out var group) && entry.TryReadVector16(out var share))
                {
                    shares[(TlsNamedGroup)group] = share.ToArray();
                }
            }
        }

        return new HostileClientHello(message, random.ToArray(), sessionId.ToArray(), shares, extensions);
    }
}
