namespace MailTls.Core.Tls;

/// <summary>
/// A forward-only reader over TLS wire data (RFC 8446 section 3: big-endian integers and
/// length-prefixed vectors). All parsing of TLS bytes goes through this type, so no parser
/// indexes raw buffers. Every <c>TryRead</c> method leaves the position unchanged when it
/// returns <see langword="false"/> (not enough bytes).
/// </summary>
public ref struct TlsReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Starts reading at the first byte of <paramref name="buffer"/>.</summary>
    public TlsReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes read so far, which is also the offset of the next byte.</summary>
    public readonly int Consumed => _position;

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _position == _buffer.Length;

    /// <summary>The bytes not yet read.</summary>
    public readonly ReadOnlySpan<byte> UnreadSpan => _buffer[_position..];

    /// <summary>Reads one byte (<c>uint8</c>).</summary>
    public bool TryReadUInt8(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }

        value = _buffer[_position];
        _position++;
        return true;
    }

    /// <summary>Reads a big-endian <c>uint16</c>.</summary>
    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return false;
        }

        value = (ushort)((_buffer[_position] << 8) | _buffer[_position + 1]);
        _position += 2;
        return true;
    }

    /// <summary>Reads a big-endian <c>uint24</c>.</summary>
    public bool TryReadUInt24(out int value)
    {
        if (Remaining < 3)
        {
            value = 0;
            return false;
        }

        value = (_buffer[_position] << 16) | (_buffer[_position + 1] << 8) | _buffer[_position + 2];
        _position += 3;
        return true;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative (a bug in the caller).</exception>
    public bool TryReadBytes(int count, out ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Remaining < count)
        {
            value = default;
            return false;
        }

        value = _buffer.Slice(_position, count);
        _position += count;
        return true;
    }

    /// <summary>Reads a vector with a one-byte length prefix (<c>opaque x&lt;0..2^8-1&gt;</c>).</summary>
    public bool TryReadVector8(out ReadOnlySpan<byte> value)
    {
        var start = _position;
        if (TryReadUInt8(out var length) && TryReadBytes(length, out value))
        {
            return true;
        }

        _position = start;
        value = default;
        return false;
    }

    /// <summary>Reads a vector with a two-byte length prefix (<c>opaque x&lt;0..2^16-1&gt;</c>).</summary>
    public bool TryReadVector16(out ReadOnlySpan<byte> value)
    {
        var start = _position;
        if (TryReadUInt16(out var length) && TryReadBytes(length, out value))
        {
            return true;
        }

        _position = start;
        value = default;
        return false;
    }

    /// <summary>Reads a vector with a three-byte length prefix (<c>opaque x&lt;0..2^24-1&gt;</c>).</summary>
    public bool TryReadVector24(out ReadOnlySpan<byte> value)
    {
        var start = _position;
        if (TryReadUInt24(out var length) && TryReadBytes(length, out value))
        {
            return true;
        }

        _position = start;
        value = default;
        return false;
    }
}
