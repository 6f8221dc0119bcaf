namespace MailTls.Collectors.Probe;

/// <summary>
/// Caps the connections open at once to one server, spaces their starts by the politeness delay,
/// and counts what was spent. One gate per server address.
/// </summary>
internal sealed class ConnectionGate(int maxParallel, TimeSpan delay, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxParallel, maxParallel);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextStart = DateTimeOffset.MinValue;
    private int _connections;
    private int _rawHellos;
    private int _fullHandshakes;
    private int _resumptionConnections;

    public int Connections => Volatile.Read(ref _connections);

    public int RawHellos => Volatile.Read(ref _rawHellos);

    public int FullHandshakes => Volatile.Read(ref _fullHandshakes);

    public int ResumptionConnections => Volatile.Read(ref _resumptionConnections);

    /// <summary>Waits for a free slot and for the politeness delay; dispose the result to release the slot.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                var start = _nextStart > now ? _nextStart : now;
                _nextStart = start + delay;
                wait = start - now;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            Interlocked.Increment(ref _connections);
            return new Slot(_slots);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void CountRawHello() => Interlocked.Increment(ref _rawHellos);

    public void CountFullHandshake() => Interlocked.Increment(ref _fullHandshakes);

    public void CountResumptionConnection() => Interlocked.Increment(ref _resumptionConnections);

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
