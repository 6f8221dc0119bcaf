using System.Net;
using System.Net.Sockets;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>
/// An in-process TCP server on a loopback ephemeral port that runs one scripted misbehaviour per
/// connection (<see cref="HostileCase"/>). It counts connections and bytes sent, so tests can check
/// that a client neither retries in a storm nor stops only because the server ran out of data.
/// Dispose cancels every script and closes every socket.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<HostileConnection, CancellationToken, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Lock _gate = new();
    private readonly Task _acceptLoop;
    private int _connectionCount;
    private long _bytesSent;

    private HostileServer(Func<HostileConnection, CancellationToken, Task> script)
    {
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public static IPAddress Address => IPAddress.Loopback;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Bytes the scripts wrote, over all connections.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public static HostileServer Start(Func<HostileConnection, CancellationToken, Task> script) => new(script);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] running;
        lock (_gate)
        {
            running = [.. _connections];
        }

        // Scripts end on cancellation or on the client's close; both are expected, so only wait.
        await Task.WhenAll(running.Append(_acceptLoop)).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connectionCount);
            lock (_gate)
            {
                _connections.Add(RunAsync(socket));
            }
        }
    }

    private async Task RunAsync(Socket socket)
    {
        using var connection = new HostileConnection(socket, sent => Interlocked.Add(ref _bytesSent, sent));
        try
        {
            await _script(connection, _stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The client gave up, reset, or the test ended: what a hostile server expects.
        }
    }
}
