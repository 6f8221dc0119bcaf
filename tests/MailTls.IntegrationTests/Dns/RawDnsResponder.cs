using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MailTls.IntegrationTests.Dns;

/// <summary>
/// A deliberately broken DNS server on a loopback UDP port: it answers every query with the
/// question echoed and then whatever bytes a test supplies, to feed the collector malformed
/// TLSA RDATA, compression loops, truncated messages and the TC bit (RFC 1035 section 4.1).
/// </summary>
internal sealed class RawDnsResponder : IDisposable
{
    private const int HeaderLength = 12;
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    /// <param name="flags">The response's second header word, e.g. 0x8180 (QR, RD, RA, NOERROR).</param>
    /// <param name="answerCount">ANCOUNT to claim.</param>
    /// <param name="answers">Bytes placed after the echoed question; the question starts at offset 12.</param>
    public RawDnsResponder(ushort flags, ushort answerCount, Func<int, byte[]> answers)
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Endpoint = (IPEndPoint)socket.LocalEndPoint!;
        loop = Task.Run(() => ServeAsync(flags, answerCount, answers));
    }

    public IPEndPoint Endpoint { get; }

    private int queries;

    /// <summary>Queries received so far; read from the test thread while the loop counts on its own.</summary>
    public int Queries => Volatile.Read(ref queries);

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the socket; its exception is expected.
        }

        stop.Dispose();
    }

    private async Task ServeAsync(ushort flags, ushort answerCount, Func<int, byte[]> answers)
    {
        var buffer = new byte[4096];
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref queries);
            var query = buffer.AsSpan(0, received.ReceivedBytes);
            var questionEnd = HeaderLength;
            while (questionEnd < query.Length && query[questionEnd] != 0)
            {
                questionEnd += query[questionEnd] + 1;
            }

            questionEnd += 1 + 4;
            var question = query[HeaderLength..questionEnd];
            var tail = answers(HeaderLength + question.Length);
            var response = new byte[HeaderLength + question.Length + tail.Length];
            query[..2].CopyTo(response);
            BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(2), flags);
            BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(4), 1);
            BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(6), answerCount);
            question.CopyTo(response.AsSpan(HeaderLength));
            tail.CopyTo(response, HeaderLength + question.Length);
            await socket.SendToAsync(response, SocketFlags.None, received.RemoteEndPoint);
        }
    }
}
