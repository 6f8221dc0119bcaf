using System.Security.Cryptography;

namespace MailTls.Core.Tls;

/// <summary>
/// A TLS 1.3 ClientHello that offers one resumption PSK (RFC 8446 section 4.2.11): the hello of
/// <see cref="ClientHelloBuilder"/> with a pre_shared_key extension appended last, whose binder is
/// the HMAC of the hello up to the binders (section 4.2.11.2) under the PSK's binder key.
/// </summary>
public static class Tls13PskHello
{
    private const int HandshakeLengthOffset = 1;
    private const int RandomLength = 32;

    /// <summary>
    /// Builds the ClientHello handshake message.
    /// <code>
    /// struct { opaque identity&lt;1..2^16-1&gt;; uint32 obfuscated_ticket_age; } PskIdentity;
    /// opaque PskBinderEntry&lt;32..255&gt;;
    /// struct { PskIdentity identities&lt;7..2^16-1&gt;; PskBinderEntry binders&lt;33..2^16-1&gt;; } OfferedPsks;
    /// </code>
    /// </summary>
    /// <param name="options">The hello (TLS 1.3, with psk_key_exchange_modes, which the builder sends); padding is turned off because pre_shared_key must be last.</param>
    /// <param name="identity">The ticket.</param>
    /// <param name="obfuscatedTicketAge">The ticket age in milliseconds plus ticket_age_add, modulo 2^32.</param>
    /// <param name="hash">The hash of the suite the ticket was issued under.</param>
    /// <param name="psk">The resumption PSK: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length).</param>
    /// <exception cref="ArgumentException">The options do not make a TLS 1.3 hello with extensions, or the identity is empty.</exception>
    public static byte[] Build(ClientHelloOptions options, ReadOnlySpan<byte> identity, uint obfuscatedTicketAge, HashAlgorithmName hash, ReadOnlySpan<byte> psk)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxVersion < TlsProtocolVersion.Tls13 || !options.IncludeExtensions || identity.IsEmpty)
        {
            throw new ArgumentException("A PSK is offered only in a TLS 1.3 hello with extensions and a ticket.", nameof(options));
        }

        var hashLength = TlsKeyDerivation.HashLength(hash);
        var hello = ClientHelloBuilder.BuildHandshakeMessage(options with { PadToLength = 0 });
        var extensionsOffset = ExtensionsLengthOffset(hello);

        var extension = new TlsWriter();
        extension.WriteUInt16((ushort)TlsExtensionType.PreSharedKey);
        var data = extension.BeginVector(2);
        var identities = extension.BeginVector(2);
        var entry = extension.BeginVector(2);
        extension.WriteBytes(identity);
        extension.EndVector(entry);
        extension.WriteUInt16((ushort)(obfuscatedTicketAge >> 16));
        extension.WriteUInt16((ushort)obfuscatedTicketAge);
        extension.EndVector(identities);
        var binders = extension.BeginVector(2);
        var binder = extension.BeginVector(1);
        extension.WriteBytes(new byte[hashLength]);
        extension.EndVector(binder);
        extension.EndVector(binders);
        extension.EndVector(data);

        byte[] message = [.. hello, .. extension.WrittenSpan];
        var bodyLength = message.Length - TlsHandshakeMessage.HeaderLength;
        message[HandshakeLengthOffset] = (byte)(bodyLength >> 16);
        message[HandshakeLengthOffset + 1] = (byte)(bodyLength >> 8);
        message[HandshakeLengthOffset + 2] = (byte)bodyLength;
        var extensionsLength = message.Length - extensionsOffset - 2;
        message[extensionsOffset] = (byte)(extensionsLength >> 8);
        message[extensionsOffset + 1] = (byte)extensionsLength;

        // RFC 8446 section 4.2.11.2: the binder covers the hello with all lengths final, up to (not including) the binders list.
        var truncated = message.AsSpan(0, message.Length - (2 + 1 + hashLength));
        var earlySecret = TlsKeyDerivation.HkdfExtract(hash, [], psk);
        var binderKey = TlsKeyDerivation.DeriveSecret(hash, earlySecret, "res binder", CryptographicOperations.HashData(hash, []));
        var finishedKey = TlsKeyDerivation.HkdfExpandLabel(hash, binderKey, "finished", [], hashLength);
        CryptographicOperations.HmacData(hash, finishedKey, CryptographicOperations.HashData(hash, truncated)).CopyTo(message.AsSpan(message.Length - hashLength));
        return message;
    }

    /// <summary>Where the two-byte extensions length sits in a hello the builder made: after version, random, session id, suites and compression methods.</summary>
    private static int ExtensionsLengthOffset(ReadOnlySpan<byte> hello)
    {
        var reader = new TlsReader(hello[TlsHandshakeMessage.HeaderLength..]);
        if (!reader.TryReadUInt16(out _)
            || !reader.TryReadBytes(RandomLength, out _)
            || !reader.TryReadVector8(out _)
            || !reader.TryReadVector16(out _)
            || !reader.TryReadVector8(out _)
            || reader.Remaining < 2)
        {
            throw new ArgumentException("The hello has no extensions block.", nameof(hello));
        }

        return TlsHandshakeMessage.HeaderLength + reader.Consumed;
    }
}
