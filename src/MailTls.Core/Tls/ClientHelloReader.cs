using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>
/// Parses a ClientHello (RFC 8446 section 4.1.2, RFC 5246 section 7.4.1.2) into a <see cref="ClientHelloInfo"/>.
/// Malformed input gives <see cref="ParseStatus.Invalid"/> with a reason and offset; it never throws.
/// </summary>
public static class ClientHelloReader
{
    private const int RandomLength = 32;
    private const int MaxSessionIdLength = 32;
    private const byte ServerNameTypeHostName = 0;

    /// <summary>
    /// Reads a ClientHello from one or more handshake records (the bytes a client sends first).
    /// </summary>
    /// <param name="records">Record bytes.</param>
    /// <param name="limits">Parser limits.</param>
    /// <param name="hello">The hello when done.</param>
    /// <param name="consumed">Bytes of <paramref name="records"/> used when done; the error offset (within the record stream or the message) when invalid.</param>
    /// <param name="error">Why the input is invalid.</param>
    public static ParseStatus TryReadRecords(ReadOnlySpan<byte> records, ParserLimits limits, out ClientHelloInfo? hello, out int consumed, out TlsParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        hello = null;
        var buffer = new TlsHandshakeBuffer(limits);
        var offset = 0;
        ushort recordVersion = 0;
        while (true)
        {
            var status = TlsRecord.TryRead(records[offset..], limits, out var record, out var used, out error);
            if (status != ParseStatus.Done)
            {
                consumed = offset + used;
                return status;
            }

            if (record.ContentType != TlsContentType.Handshake)
            {
                consumed = offset;
                error = TlsParseError.UnexpectedHandshakeType;
                return ParseStatus.Invalid;
            }

            if (offset == 0)
            {
                recordVersion = record.Version;
            }

            offset += used;
            if (buffer.Append(record.Fragment, out error) != ParseStatus.Done)
            {
                consumed = offset;
                return ParseStatus.Invalid;
            }

            status = buffer.TryReadMessage(out var message, out error);
            if (status == ParseStatus.NeedMoreData)
            {
                continue;
            }

            if (status == ParseStatus.Invalid)
            {
                consumed = offset;
                return status;
            }

            status = TryRead(message, limits, out hello, out var errorOffset, out error);
            consumed = status == ParseStatus.Done ? offset : errorOffset;
            if (hello is not null)
            {
                hello = hello with { RecordVersion = recordVersion };
            }

            // A complete message whose body is short is malformed, not incomplete.
            return status == ParseStatus.NeedMoreData ? ParseStatus.Invalid : status;
        }
    }

    /// <summary>
    /// Reads the body of a ClientHello handshake message.
    /// <code>
    /// struct {
    ///     ProtocolVersion legacy_version;
    ///     Random random;
    ///     opaque legacy_session_id&lt;0..32&gt;;
    ///     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
    ///     opaque legacy_compression_methods&lt;1..2^8-1&gt;;
    ///     Extension extensions&lt;8..2^16-1&gt;;   /* optional before TLS 1.3 */
    /// } ClientHello;
    /// </code>
    /// </summary>
    public static ParseStatus TryRead(TlsHandshakeMessage message, ParserLimits limits, out ClientHelloInfo? hello, out int errorOffset, out TlsParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        hello = null;
        errorOffset = 0;
        if (message.Type != TlsHandshakeType.ClientHello)
        {
            error = TlsParseError.UnexpectedHandshakeType;
            return ParseStatus.Invalid;
        }

        var reader = new TlsReader(message.Body);
        if (!reader.TryReadUInt16(out var legacyVersion) || !reader.TryReadBytes(RandomLength, out _))
        {
            return Truncated(ref reader, out errorOffset, out error);
        }

        if (!reader.TryReadVector8(out var sessionId))
        {
            return Truncated(ref reader, out errorOffset, out error);
        }

        if (sessionId.Length > MaxSessionIdLength)
        {
            return Fail(reader.Consumed, TlsParseError.BadVectorLength, out errorOffset, out error);
        }

        var suitesOffset = reader.Consumed;
        if (!reader.TryReadVector16(out var suiteBytes))
        {
            return Truncated(ref reader, out errorOffset, out error);
        }

        if (!TlsLists.TryReadUInt16List(suiteBytes, out var suites) || suites.IsEmpty)
        {
            return Fail(suitesOffset, TlsParseError.BadVectorLength, out errorOffset, out error);
        }

        var compressionOffset = reader.Consumed;
        if (!reader.TryReadVector8(out var compression))
        {
            return Truncated(ref reader, out errorOffset, out error);
        }

        if (compression.IsEmpty)
        {
            return Fail(compressionOffset, TlsParseError.BadVectorLength, out errorOffset, out error);
        }

        var info = new ClientHelloInfo
        {
            LegacyVersion = legacyVersion,
            SessionIdLength = sessionId.Length,
            CipherSuites = suites,
            CompressionMethods = [.. compression],
        };

        // RFC 5246 section 7.4.1.2: a hello may end after the compression methods (no extensions).
        if (reader.End)
        {
            hello = info;
            error = TlsParseError.None;
            return ParseStatus.Done;
        }

        var extensionsOffset = reader.Consumed;
        if (!reader.TryReadVector16(out var extensions))
        {
            return Truncated(ref reader, out errorOffset, out error);
        }

        if (!reader.End)
        {
            return Fail(reader.Consumed, TlsParseError.TrailingData, out errorOffset, out error);
        }

        var status = ReadExtensions(extensions, limits, info, out hello, out var innerOffset, out error);
        errorOffset = extensionsOffset + 2 + innerOffset;
        return status;
    }

    private static ParseStatus ReadExtensions(ReadOnlySpan<byte> data, ParserLimits limits, ClientHelloInfo info, out ClientHelloInfo? hello, out int errorOffset, out TlsParseError error)
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
            if (!TryApplyExtension((TlsExtensionType)type, value, ref info))
            {
                return Fail(start, TlsParseError.BadVectorLength, out errorOffset, out error);
            }
        }

        hello = info with { Extensions = list.ToImmutable() };
        errorOffset = 0;
        error = TlsParseError.None;
        return ParseStatus.Done;
    }

    private static bool TryApplyExtension(TlsExtensionType type, ReadOnlySpan<byte> value, ref ClientHelloInfo info)
    {
        var reader = new TlsReader(value);
        switch (type)
        {
            case TlsExtensionType.SupportedVersions:
                // RFC 8446 section 4.2.1: ProtocolVersion versions<2..254>;
                if (!reader.TryReadVector8(out var versionBytes) || !reader.End
                    || !TlsLists.TryReadUInt16List(versionBytes, out var versions) || versions.IsEmpty)
                {
                    return false;
                }

                info = info with { SupportedVersions = versions };
                return true;

            case TlsExtensionType.SupportedGroups:
                // RFC 8446 section 4.2.7: NamedGroup named_group_list<2..2^16-1>;
                if (!reader.TryReadVector16(out var groupBytes) || !reader.End || !TlsLists.TryReadUInt16List(groupBytes, out var groups))
                {
                    return false;
                }

                info = info with { SupportedGroups = [.. groups.Select(g => (TlsNamedGroup)g)] };
                return true;

            case TlsExtensionType.SignatureAlgorithms:
                // RFC 8446 section 4.2.3: SignatureScheme supported_signature_algorithms<2..2^16-2>;
                if (!reader.TryReadVector16(out var schemeBytes) || !reader.End || !TlsLists.TryReadUInt16List(schemeBytes, out var schemes))
                {
                    return false;
                }

                info = info with { SignatureAlgorithms = [.. schemes.Select(s => (TlsSignatureScheme)s)] };
                return true;

            case TlsExtensionType.EcPointFormats:
                // RFC 8422 section 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>;
                if (!reader.TryReadVector8(out var formats) || !reader.End || formats.IsEmpty)
                {
                    return false;
                }

                info = info with { EcPointFormats = [.. formats] };
                return true;

            case TlsExtensionType.KeyShare:
                return TryReadKeyShares(ref reader, ref info);

            case TlsExtensionType.ServerName:
                return TryReadServerName(ref reader, ref info);

            default:
                return true;
        }
    }

    // RFC 8446 section 4.2.8: struct { KeyShareEntry client_shares<0..2^16-1>; } KeyShareClientHello;
    private static bool TryReadKeyShares(ref TlsReader reader, ref ClientHelloInfo info)
    {
        if (!reader.TryReadVector16(out var entries) || !reader.End)
        {
            return false;
        }

        var shares = ImmutableArray.CreateBuilder<TlsKeyShareInfo>();
        var entryReader = new TlsReader(entries);
        while (!entryReader.End)
        {
            if (!entryReader.TryReadUInt16(out var group) || !entryReader.TryReadVector16(out var key))
            {
                return false;
            }

            shares.Add(new TlsKeyShareInfo((TlsNamedGroup)group, key.Length));
        }

        info = info with { KeyShares = shares.ToImmutable() };
        return true;
    }

    // RFC 6066 section 3: struct { ServerName server_name_list<1..2^16-1> } ServerNameList;
    private static bool TryReadServerName(ref TlsReader reader, ref ClientHelloInfo info)
    {
        if (!reader.TryReadVector16(out var names) || !reader.End || names.IsEmpty)
        {
            return false;
        }

        var nameReader = new TlsReader(names);
        while (!nameReader.End)
        {
            if (!nameReader.TryReadUInt8(out var nameType) || !nameReader.TryReadVector16(out var name))
            {
                return false;
            }

            if (nameType == ServerNameTypeHostName && info.ServerName is null)
            {
                info = info with { ServerName = TlsText.ToPrintableAscii(name) };
            }
        }

        return true;
    }

    private static ParseStatus Truncated(ref TlsReader reader, out int errorOffset, out TlsParseError error) =>
        Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);

    private static ParseStatus Fail(int offset, TlsParseError reason, out int errorOffset, out TlsParseError error)
    {
        errorOffset = offset;
        error = reason;
        return ParseStatus.Invalid;
    }
}
