namespace MailTls.Core.Tls;

/// <summary>
/// Reassembles handshake messages from handshake records. A message may span several records
/// and a record may carry several messages (RFC 8446 section 5.1, RFC 5246 section 6.2.1), so
/// record payloads are appended here and complete messages are read out in order.
/// The buffer never holds more than one maximum-size message plus one record, so a peer cannot
/// make it grow without bound.
/// </summary>
public sealed class TlsHandshakeBuffer
{
    private readonly ParserLimits _limits;
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    /// <summary>Creates an empty buffer bound by <paramref name="limits"/>.</summary>
    public TlsHandshakeBuffer(ParserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    /// <summary>Bytes appended but not yet returned as messages.</summary>
    public int BufferedLength => _end - _start;

    /// <summary>Appends the fragment of a handshake record.</summary>
    /// <returns><see cref="ParseStatus.Done"/>, or <see cref="ParseStatus.Invalid"/> with
    /// <see cref="TlsParseError.HandshakeMessageTooLong"/> when the pending bytes exceed one maximum message.</returns>
    public ParseStatus Append(ReadOnlySpan<byte> fragment, out TlsParseError error)
    {
        var limit = _limits.MaxHandshakeMessageLength + TlsHandshakeMessage.HeaderLength + _limits.MaxRecordFragmentLength;
        if (BufferedLength + fragment.Length > limit)
        {
            error = TlsParseError.HandshakeMessageTooLong;
            return ParseStatus.Invalid;
        }

        Compact(fragment.Length);
        fragment.CopyTo(_buffer.AsSpan(_end));
        _end += fragment.Length;
        error = TlsParseError.None;
        return ParseStatus.Done;
    }

    /// <summary>
    /// Reads the next complete handshake message. The body is a view into this buffer,
    /// valid until the next call to <see cref="Append"/>.
    /// </summary>
    public ParseStatus TryReadMessage(out TlsHandshakeMessage message, out TlsParseError error)
    {
        var status = TlsHandshakeMessage.TryRead(_buffer.AsSpan(_start, BufferedLength), _limits, out message, out var consumed, out error);
        if (status == ParseStatus.Done)
        {
            _start += consumed;
        }

        return status;
    }

    private void Compact(int incoming)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, BufferedLength).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end + incoming > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _end + incoming));
        }
    }
}
