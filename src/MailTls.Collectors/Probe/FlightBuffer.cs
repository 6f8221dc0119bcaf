namespace MailTls.Collectors.Probe;

/// <summary>
/// The bytes of a server's answer read so far, grown on demand up to a byte limit, so that an
/// exchange reads until its parser is satisfied without reading more than the limit allows.
/// </summary>
/// <param name="maxBytes">The most bytes kept (TlsProbeOptions.MaxFlightBytes).</param>
internal sealed class FlightBuffer(int maxBytes)
{
    private byte[] _buffer = new byte[Math.Min(maxBytes, 64 * 1024)];

    /// <summary>How many bytes have been read.</summary>
    public int Received { get; private set; }

    /// <summary>True when the limit is reached and no further byte can be read.</summary>
    public bool Full => Received == _buffer.Length && _buffer.Length >= maxBytes;

    /// <summary>The bytes read so far.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, Received);

    /// <summary>Reads once from <paramref name="stream"/>, growing the buffer when it is full; 0 when the peer closed.</summary>
    public async Task<int> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (Received == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxBytes));
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(Received), cancellationToken);
        Received += read;
        return read;
    }
}
