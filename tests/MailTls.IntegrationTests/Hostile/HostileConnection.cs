using System.Net.Sockets;
using System.Text;
using MailTls.Core;
using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>One accepted connection of a <see cref="HostileServer"/>, with the moves its scripts are made of.</summary>
internal sealed class HostileConnection : IDisposable
{
    private const int MaxCommandLine = 4096;
    private readonly Action<int> _onSent;

    public HostileConnection(Socket socket, Action<int> onSent)
    {
        Socket = socket;
        Stream = new NetworkStream(socket, ownsSocket: true);
        _onSent = onSent;
    }

    public Socket Socket { get; }

    public NetworkStream Stream { get; }

    public Task SendAsync(string text, CancellationToken cancellationToken) => SendAsync(Encoding.ASCII.GetBytes(text), cancellationToken);

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await Stream.WriteAsync(bytes, cancellationToken);
        _onSent(bytes.Length);
    }

    /// <summary>Sends <paramref name="bytes"/> one byte at a time, <paramref name="interval"/> apart.</summary>
    public async Task DripAsync(ReadOnlyMemory<byte> bytes, TimeSpan interval, CancellationToken cancellationToken)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            await SendAsync(bytes.Slice(i, 1), cancellationToken);
            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>Reads one command line (up to LF); null when the client closed.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (line.Length < MaxCommandLine)
        {
            if (await Stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        return line.ToString();
    }

    /// <summary>A well-behaved SMTP server up to and including "220" to STARTTLS.</summary>
    public async Task SmtpUpToStartTlsAsync(CancellationToken cancellationToken)
    {
        await SendAsync("220 hostile.mailtls.invalid ESMTP\r\n", cancellationToken);
        await ReadLineAsync(cancellationToken);
        await SendAsync("250-hostile.mailtls.invalid\r\n250-PIPELINING\r\n250 STARTTLS\r\n", cancellationToken);
        await ReadLineAsync(cancellationToken);
        await SendAsync("220 2.0.0 Ready to start TLS\r\n", cancellationToken);
    }

    /// <summary>Reads the client's first TLS record (its ClientHello) whole.</summary>
    public Task<byte[]> ReadClientHelloAsync(CancellationToken cancellationToken) => ReadRecordAsync(cancellationToken);

    /// <summary>Reads the client's next TLS record whole, header included.</summary>
    public async Task<byte[]> ReadRecordAsync(CancellationToken cancellationToken)
    {
        var header = new byte[TlsRecord.HeaderLength];
        await Stream.ReadExactlyAsync(header, cancellationToken);
        var body = new byte[Math.Min((header[3] << 8) | header[4], ParserLimits.Default.MaxRecordFragmentLength)];
        await Stream.ReadExactlyAsync(body, cancellationToken);
        return [.. header, .. body];
    }

    /// <summary>Keeps the connection open, silent, until the test ends or the client leaves.</summary>
    public async Task HoldAsync(CancellationToken cancellationToken)
    {
        var sink = new byte[4096];
        while (await Stream.ReadAsync(sink, cancellationToken) > 0)
        {
        }
    }

    /// <summary>Closes with a TCP reset (SO_LINGER 0) instead of a FIN.</summary>
    public void Reset()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Socket.Close();
    }

    public void Dispose() => Stream.Dispose();
}
