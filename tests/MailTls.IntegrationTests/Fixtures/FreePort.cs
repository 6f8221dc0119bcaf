using System.Net;
using System.Net.Sockets;

namespace MailTls.IntegrationTests.Fixtures;

/// Ephemeral loopback ports. The kernel picks a port for a socket bound to port 0; the socket is
/// then closed, so a server started afterwards can lose a race for it. Callers retry on conflict.
internal static class FreePort
{
    /// A port that was free on <paramref name="address"/> a moment ago.
    public static int Get(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// A port that was free on every one of <paramref name="addresses"/> a moment ago.
    public static int GetOnAll(IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        const int Attempts = 50;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Get(addresses[0]);
            if (addresses.Skip(1).All(address => IsFree(address, port)))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No port free on all of {string.Join(", ", addresses)} after {Attempts} attempts.");
    }

    /// A port on 127.0.0.1 that was free for both TCP and UDP a moment ago (DNS servers need both),
    /// other than <paramref name="exclude"/> (a port just handed to another server).
    public static int GetForTcpAndUdp(int exclude)
    {
        const int Attempts = 50;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Get(IPAddress.Loopback);
            if (port == exclude)
            {
                continue;
            }

            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP; try another.
            }
        }

        throw new InvalidOperationException($"No loopback port was free for both TCP and UDP after {Attempts} attempts.");
    }

    public static bool IsFree(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// Polls until a TCP connection to <paramref name="endPoint"/> succeeds, or the deadline passes.
    public static async Task<bool> WaitUntilAcceptingAsync(IPEndPoint endPoint, TimeSpan timeout, Func<bool>? stillAlive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (stillAlive is not null && !stillAlive())
            {
                return false;
            }

            using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                await socket.ConnectAsync(endPoint, attempt.Token);
                return true;
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return false;
    }
}
