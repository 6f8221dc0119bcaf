namespace MailTls.Core.Tls;

/// <summary>One handshake message: its type and body, a view over the caller's buffer.</summary>
public readonly ref struct TlsHandshakeMessage
{
    /// <summary>Size of the handshake header: msg_type(1) + length(3).</summary>
    public const int HeaderLength = 4;

    /// <summary>Creates a message view.</summary>
    public TlsHandshakeMessage(TlsHandshakeType type, ReadOnlySpan<byte> body)
    {
        Type = type;
        Body = body;
    }

    /// <summary>msg_type; unknown values are kept as numbers.</summary>
    public TlsHandshakeType Type { get; }

    /// <summary>The message body after the four-byte header.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>
    /// Reads one handshake message from concatenated handshake-record payloads.
    /// <code>
    /// struct {
    ///     HandshakeType msg_type;
    ///     uint24 length;
    ///     select (Handshake.msg_type) { ... };
    /// } Handshake;
    /// </code>
    /// </summary>
    /// <param name="source">Handshake bytes received so far (record headers removed).</param>
    /// <param name="limits">Limits; <see cref="ParserLimits.MaxHandshakeMessageLength"/> applies.</param>
    /// <param name="message">The message when <see cref="ParseStatus.Done"/>.</param>
    /// <param name="consumed">Bytes used when done; the error offset when invalid.</param>
    /// <param name="error">Why the input is invalid.</param>
    public static ParseStatus TryRead(ReadOnlySpan<byte> source, ParserLimits limits, out TlsHandshakeMessage message, out int consumed, out TlsParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        message = default;
        consumed = 0;
        error = TlsParseError.None;
        var reader = new TlsReader(source);
        if (!reader.TryReadUInt8(out var type))
        {
            return ParseStatus.NeedMoreData;
        }

        var lengthOffset = reader.Consumed;
        if (!reader.TryReadUInt24(out var length))
        {
            return ParseStatus.NeedMoreData;
        }

        if (length > limits.MaxHandshakeMessageLength)
        {
            consumed = lengthOffset;
            error = TlsParseError.HandshakeMessageTooLong;
            return ParseStatus.Invalid;
        }

        if (!reader.TryReadBytes(length, out var body))
        {
            return ParseStatus.NeedMoreData;
        }

        message = new TlsHandshakeMessage((TlsHandshakeType)type, body);
        consumed = reader.Consumed;
        return ParseStatus.Done;
    }
}
