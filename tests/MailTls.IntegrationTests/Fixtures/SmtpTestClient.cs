using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace MailTls.IntegrationTests.Fixtures;

/// A minimal SMTP client for driving test servers: banner, EHLO, STARTTLS, QUIT. Every read and
/// write is bounded by <see cref="Timeout"/>; lines are read byte by byte so nothing sent after
/// "220 Ready to start TLS" can be swallowed by a buffer before the handshake.
internal sealed class SmtpTestClient : IAsyncDisposable
{
    private const int MaxLineLength = 2048;
    private const int MaxReplyLines = 100;

    private readonly TcpClient _tcp;
    private Stream _stream = Stream.Null;

    private SmtpTestClient(TcpClient tcp, TimeSpan timeout)
    {
        _tcp = tcp;
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public SmtpReply? Banner { get; private set; }

    /// The TLS stream after <see cref="StartTlsAsync"/>, else null.
    public SslStream? Tls { get; private set; }

    /// Connects and reads the greeting, which must be 220.
    public static async Task<SmtpTestClient> ConnectAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var tcp = new TcpClient(endPoint.AddressFamily);
        var client = new SmtpTestClient(tcp, timeout);
        try
        {
            using var deadline = Deadline(timeout, cancellationToken);
            await tcp.ConnectAsync(endPoint, deadline.Token);
            client._stream = tcp.GetStream();
            client.Banner = await client.ReadReplyAsync(cancellationToken);
            return client.Banner.Code == 220
                ? client
                : throw new InvalidOperationException($"Expected a 220 greeting from {endPoint}, got: {client.Banner}");
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// EHLO; returns the extension keywords (upper case, first word of each line after the first).
    public async Task<IReadOnlyList<string>> EhloAsync(string clientName, CancellationToken cancellationToken = default)
    {
        var reply = await CommandAsync("EHLO " + clientName, cancellationToken);
        if (reply.Code != 250)
        {
            throw new InvalidOperationException($"EHLO refused: {reply}");
        }

        return [.. reply.Lines.Skip(1).Select(line => line.Split(' ', 2)[0].ToUpperInvariant())];
    }

    /// STARTTLS, then the TLS handshake (RFC 3207). Throws if the server refuses or the handshake fails.
    public async Task<SslStream> StartTlsAsync(SslClientAuthenticationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reply = await CommandAsync("STARTTLS", cancellationToken);
        if (reply.Code != 220)
        {
            throw new InvalidOperationException($"STARTTLS refused: {reply}");
        }

        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        using var deadline = Deadline(Timeout, cancellationToken);
        try
        {
            await tls.AuthenticateAsClientAsync(options, deadline.Token);
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }

        _stream = tls;
        Tls = tls;
        return tls;
    }

    public async Task<SmtpReply> CommandAsync(string command, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        using (var deadline = Deadline(Timeout, cancellationToken))
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), deadline.Token);
            await _stream.FlushAsync(deadline.Token);
        }

        return await ReadReplyAsync(cancellationToken);
    }

    /// QUIT, tolerating a server that already closed: used to end sessions cleanly in logs.
    public async Task QuitAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CommandAsync("QUIT", cancellationToken);
        if (reply.Code != 221)
        {
            throw new InvalidOperationException($"QUIT answered with {reply}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    /// Reads one possibly multi-line reply ("250-..." continues, "250 ..." ends).
    public async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken = default)
    {
        using var deadline = Deadline(Timeout, cancellationToken);
        var lines = new List<string>();
        while (lines.Count < MaxReplyLines)
        {
            var line = await ReadLineAsync(deadline.Token);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                throw new InvalidOperationException($"Malformed SMTP reply line: '{line}'");
            }

            lines.Add(line.Length > 4 ? line[4..] : string.Empty);
            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply(code, lines);
            }
        }

        throw new InvalidOperationException($"SMTP reply longer than {MaxReplyLines} lines.");
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1];
        var line = new StringBuilder();
        while (line.Length < MaxLineLength)
        {
            if (await _stream.ReadAsync(buffer, cancellationToken) == 0)
            {
                throw new EndOfStreamException($"Server closed the connection mid-reply (read so far: '{line}').");
            }

            if (buffer[0] == (byte)'\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)buffer[0]);
        }

        throw new InvalidOperationException($"SMTP reply line longer than {MaxLineLength} bytes.");
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }
}
