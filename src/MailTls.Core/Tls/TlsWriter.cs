namespace MailTls.Core.Tls;

/// <summary>
/// Appends TLS wire encodings (big-endian integers, length-prefixed vectors) to a growing buffer.
/// Vector lengths are back-patched when the vector is closed.
/// </summary>
internal sealed class TlsWriter
{
    private byte[] _buffer = new byte[512];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public void WriteUInt8(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value)
    {
        var span = Reserve(2);
        span[0] = (byte)(value >> 8);
        span[1] = (byte)value;
    }

    public void WriteUInt24(int value)
    {
        var span = Reserve(3);
        span[0] = (byte)(value >> 16);
        span[1] = (byte)(value >> 8);
        span[2] = (byte)value;
    }

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    /// <summary>Starts a vector with a length prefix of <paramref name="prefixBytes"/> (1, 2 or 3) bytes; returns a token for <see cref="EndVector"/>.</summary>
    public int BeginVector(int prefixBytes)
    {
        var start = Length;
        Reserve(prefixBytes).Clear();
        return (start << 2) | prefixBytes;
    }

    public void EndVector(int token)
    {
        var start = token >> 2;
        var prefixBytes = token & 3;
        var length = Length - start - prefixBytes;
        var max = (1 << (8 * prefixBytes)) - 1;
        if (length > max)
        {
            throw new InvalidOperationException($"Vector of {length} bytes does not fit a {prefixBytes}-byte length.");
        }

        for (var i = prefixBytes - 1; i >= 0; i--)
        {
            _buffer[start + i] = (byte)length;
            length >>= 8;
        }
    }

    /// <summary>Drops everything written after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
