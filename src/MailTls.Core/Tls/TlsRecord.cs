using System.Buffers;

namespace MailTls.Core.Tls;

/// <summary>
/// One TLS record: a view over the caller's buffer (RFC 8446 section 5.1, RFC 5246 section 6.2.1).
/// Valid only while that buffer is.
/// </summary>
public readonly ref struct TlsRecord
{
    /// <summary>Size of the record header: type(1) + legacy_record_version(2) + length(2).</summary>
    public const int HeaderLength = 5;

    private const byte SslTlsMajorVersion = 3;

    /// <summary>Creates a record view.</summary>
    public TlsRecord(TlsContentType contentType, ushort version, ReadOnlySpan<byte> fragment)
    {
        ContentType = contentType;
        Version = version;
        Fragment = fragment;
    }

    /// <summary>The record's content type.</summary>
    public TlsContentType ContentType { get; }

    /// <summary><c>legacy_record_version</c>: 0x0300 for SSLv3, 0x0301..0x0303 for TLS (TLS 1.3 still sends 0x0303).</summary>
    public ushort Version { get; }

    /// <summary>The record payload.</summary>
    public ReadOnlySpan<byte> Fragment { get; }

    /// <summary>
    /// Reads one record from the start of <paramref name="source"/>.
    /// <code>
    /// struct {
    ///     ContentType type;
    ///     ProtocolVersion legacy_record_version;
    ///     uint16 length;
    ///     opaque fragment[TLSPlaintext.length];
    /// } TLSPlaintext;
    /// </code>
    /// The type and version are checked as soon as their bytes arrive, so a peer that answers in
    /// plaintext (an SMTP reply, an HTTP page) is reported <see cref="ParseStatus.Invalid"/> at once
    /// instead of waiting for five bytes that look like a length.
    /// </summary>
    /// <param name="source">Bytes received so far.</param>
    /// <param name="limits">Limits; <see cref="ParserLimits.MaxRecordFragmentLength"/> applies.</param>
    /// <param name="record">The record when <see cref="ParseStatus.Done"/>.</param>
    /// <param name="consumed">Bytes used when <see cref="ParseStatus.Done"/>; the error offset when <see cref="ParseStatus.Invalid"/>.</param>
    /// <param name="error">Why the input is invalid.</param>
    public static ParseStatus TryRead(ReadOnlySpan<byte> source, ParserLimits limits, out TlsRecord record, out int consumed, out TlsParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        record = default;
        consumed = 0;
        error = TlsParseError.None;
        var reader = new TlsReader(source);

        if (!reader.TryReadUInt8(out var type))
        {
            return ParseStatus.NeedMoreData;
        }

        if (!Enum.IsDefined((TlsContentType)type))
        {
            return Fail(0, TlsParseError.UnknownContentType, out consumed, out error);
        }

        var versionOffset = reader.Consumed;
        if (!reader.TryReadUInt8(out var major))
        {
            return ParseStatus.NeedMoreData;
        }

        if (major != SslTlsMajorVersion)
        {
            return Fail(versionOffset, TlsParseError.UnknownRecordVersion, out consumed, out error);
        }

        if (!reader.TryReadUInt8(out var minor))
        {
            return ParseStatus.NeedMoreData;
        }

        var lengthOffset = reader.Consumed;
        if (!reader.TryReadUInt16(out var length))
        {
            return ParseStatus.NeedMoreData;
        }

        if (length > limits.MaxRecordFragmentLength)
        {
            return Fail(lengthOffset, TlsParseError.RecordTooLong, out consumed, out error);
        }

        // RFC 8446 section 5.1: zero-length fragments of handshake and alert records are forbidden.
        if (length == 0 && (TlsContentType)type is TlsContentType.Handshake or TlsContentType.Alert)
        {
            return Fail(lengthOffset, TlsParseError.EmptyRecord, out consumed, out error);
        }

        if (!reader.TryReadBytes(length, out var fragment))
        {
            return ParseStatus.NeedMoreData;
        }

        record = new TlsRecord((TlsContentType)type, (ushort)((major << 8) | minor), fragment);
        consumed = reader.Consumed;
        return ParseStatus.Done;
    }

    /// <summary>
    /// Reads one record from a pipe's buffer. When the record spans segments, at most one maximal record
    /// is copied, and the returned fragment is a view over that copy.
    /// </summary>
    public static ParseStatus TryRead(in ReadOnlySequence<byte> source, ParserLimits limits, out TlsRecord record, out int consumed, out TlsParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (source.IsSingleSegment)
        {
            return TryRead(source.FirstSpan, limits, out record, out consumed, out error);
        }

        var bound = Math.Min(source.Length, (long)HeaderLength + limits.MaxRecordFragmentLength);
        return TryRead(source.Slice(0, bound).ToArray(), limits, out record, out consumed, out error);
    }

    private static ParseStatus Fail(int offset, TlsParseError reason, out int consumed, out TlsParseError error)
    {
        consumed = offset;
        error = reason;
        return ParseStatus.Invalid;
    }
}
