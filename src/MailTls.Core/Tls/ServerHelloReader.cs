using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>
/// Parses a ServerHello or HelloRetryRequest (RFC 8446 section 4.1.3, RFC 5246 section 7.4.1.3).
/// Never throws on peer data.
/// </summary>
public static class ServerHelloReader
{
    private const int RandomLength = 32;
    private const int MaxSessionIdLength = 32;
    private const int SentinelLength = 8;

    // RFC 8446 section 4.1.3: SHA-256("HelloRetryRequest").
    private static ReadOnlySpan<byte> HelloRetryRequestRandom =>
    [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ];

    // RFC 8446 section 4.1.3: "DOWNGRD" followed by 01 (TLS 1.2) or 00 (TLS 1.1 and below).
    private static ReadOnlySpan<byte> DowngradeTls12 => [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01];

    private static ReadOnlySpan<byte> DowngradeTls11 => [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x00];

    /// <summary>
    /// Reads a ServerHello body.
    /// <code>
    /// struct {
    ///     ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
    ///     Random random;
    ///     opaque legacy_session_id_echo&lt;0..32&gt;;
    ///     CipherSuite cipher_suite;
    ///     uint8 legacy_compression_method = 0;
    ///     Extension extensions&lt;6..2^16-1&gt;;       /* optional before TLS 1.3 */
    /// } ServerHello;
    /// </code>
    /// </summary>
    /// <param name="message">The handshake message; its type must be server_hello.</param>
    /// <param name="limits">Parser limits.</param>
    /// <param name="hello">The result when done.</param>
    /// <param name="errorOffset">Offset in the body of the first bad byte when invalid.</param>
    /// <param name="error">Why the message is invalid.</param>
    public static ParseStatus TryRead(TlsHandshakeMessage message, ParserLimits limits, out ServerHelloInfo? hello, out int errorOffset, out TlsParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        hello = null;
        errorOffset = 0;
        error = TlsParseError.None;
        if (message.Type != TlsHandshakeType.ServerHello)
        {
            error = TlsParseError.UnexpectedHandshakeType;
            return ParseStatus.Invalid;
        }

        var reader = new TlsReader(message.Body);
        if (!reader.TryReadUInt16(out var legacyVersion)
            || !reader.TryReadBytes(RandomLength, out var random)
            || !reader.TryReadVector8(out var sessionId)
            || !reader.TryReadUInt16(out var suite)
            || !reader.TryReadUInt8(out var compression))
        {
            return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
        }

        if (sessionId.Length > MaxSessionIdLength)
        {
            return Fail(RandomLength + 2, TlsParseError.BadVectorLength, out errorOffset, out error);
        }

        var isRetry = random.SequenceEqual(HelloRetryRequestRandom);
        var tail = random[^SentinelLength..];
        var info = new ServerHelloInfo
        {
            LegacyVersion = legacyVersion,
            Version = (TlsProtocolVersion)legacyVersion,
            IsHelloRetryRequest = isRetry,
            CipherSuite = suite,
            CompressionMethod = compression,
            SessionIdLength = sessionId.Length,
            Random = [.. random],
            SessionId = [.. sessionId],
            DowngradeSentinel = tail.SequenceEqual(DowngradeTls12) ? TlsDowngradeSentinel.Tls12
                : tail.SequenceEqual(DowngradeTls11) ? TlsDowngradeSentinel.Tls11OrBelow
                : TlsDowngradeSentinel.None,
        };

        if (reader.End)
        {
            hello = info;
            return ParseStatus.Done;
        }

        var extensionsOffset = reader.Consumed;
        if (!reader.TryReadVector16(out var extensions))
        {
            return Fail(extensionsOffset, TlsParseError.Truncated, out errorOffset, out error);
        }

        if (!reader.End)
        {
            return Fail(reader.Consumed, TlsParseError.TrailingData, out errorOffset, out error);
        }

        var status = ReadExtensions(extensions, limits, info, isRetry, out hello, out var inner, out error);
        errorOffset = status == ParseStatus.Done ? 0 : extensionsOffset + 2 + inner;
        return status;
    }

    private static ParseStatus ReadExtensions(ReadOnlySpan<byte> data, ParserLimits limits, ServerHelloInfo info, bool isRetry, out ServerHelloInfo? hello, out int errorOffset, out TlsParseError error)
    {
        hello = null;
        var reader = new TlsReader(data);
        var list = ImmutableArray.CreateBuilder<TlsExtensionInfo>();
        var seen = new HashSet<ushort>();
        while (!reader.End)
        {
            var start = reader.Consumed;
            if (!reader.TryReadUInt16(out var type) || !reader.TryReadVector16(out var value))
            {
                return Fail(start, TlsParseError.Truncated, out errorOffset, out error);
            }

            if (!seen.Add(type))
            {
                return Fail(start, TlsParseError.DuplicateExtension, out errorOffset, out error);
            }

            if (list.Count == limits.MaxExtensions)
            {
                return Fail(start, TlsParseError.TooManyExtensions, out errorOffset, out error);
            }

            list.Add(new TlsExtensionInfo((TlsExtensionType)type, value.Length));
            var valueReader = new TlsReader(value);
            ReadOnlySpan<byte> shareValue = default;
            switch ((TlsExtensionType)type)
            {
                // RFC 8446 section 4.2.1: ServerHello carries ProtocolVersion selected_version.
                case TlsExtensionType.SupportedVersions:
                    if (!valueReader.TryReadUInt16(out var selected) || !valueReader.End)
                    {
                        return Fail(start, TlsParseError.BadVectorLength, out errorOffset, out error);
                    }

                    info = info with { Version = (TlsProtocolVersion)selected };
                    break;

                // RFC 8446 section 4.2.8: HRR carries NamedGroup selected_group; ServerHello a KeyShareEntry.
                case TlsExtensionType.KeyShare:
                    if (!valueReader.TryReadUInt16(out var group)
                        || (!isRetry && !valueReader.TryReadVector16(out shareValue))
                        || !valueReader.End)
                    {
                        return Fail(start, TlsParseError.BadVectorLength, out errorOffset, out error);
                    }

                    info = info with { KeyShareGroup = (TlsNamedGroup)group, KeyShare = [.. shareValue] };
                    break;

                default:
                    break;
            }
        }

        hello = info with { Extensions = list.ToImmutable() };
        errorOffset = 0;
        error = TlsParseError.None;
        return ParseStatus.Done;
    }

    private static ParseStatus Fail(int offset, TlsParseError reason, out int errorOffset, out TlsParseError error)
    {
        errorOffset = offset;
        error = reason;
        return ParseStatus.Invalid;
    }
}
