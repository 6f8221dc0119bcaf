using System.Buffers;
using System.Text;
using MailTls.Core;
using MailTls.Core.Smtp;

namespace MailTls.Collectors.Probe;

/// <summary>
/// Reads bounded SMTP replies and sends commands on one connection, recording a transcript.
/// Every read and write has its own deadline; a reply longer than the line-length and line-count
/// limits allow is an error, never a growing buffer.
/// </summary>
internal sealed class SmtpDialog(Stream stream, ParserLimits limits, List<string> transcript)
{
    private const int MaxTranscriptLine = 200;
    private readonly byte[] _buffer = new byte[4096];
    private readonly ArrayBufferWriter<byte> _pending = new();

    /// <summary>Bytes read after the last complete reply; after STARTTLS's 220 these would be injected plaintext.</summary>
    public int PendingBytes => _pending.WrittenCount;

    /// <summary>Reads one reply; throws <see cref="TimeoutException"/>, <see cref="IOException"/> (closed) or <see cref="InvalidDataException"/>.</summary>
    public async Task<SmtpReply> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var maxPending = (long)limits.MaxSmtpLineLength * limits.MaxSmtpReplyLines;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var status = SmtpReplyReader.TryRead(_pending.WrittenSpan, limits, out var reply, out var consumed, out var error);
            if (status == ParseStatus.Done)
            {
                var rest = _pending.WrittenSpan[consumed..].ToArray();
                _pending.Clear();
                _pending.Write(rest);
                foreach (var line in reply!.Lines)
                {
                    transcript.Add($"S: {reply.Code} {Printable(line)}");
                }

                return reply;
            }

            if (status == ParseStatus.Invalid)
            {
                throw new InvalidDataException($"the reply is not SMTP ({error})");
            }

            if (_pending.WrittenCount > maxPending)
            {
                throw new InvalidDataException($"the reply is longer than {limits.MaxSmtpReplyLines} lines of {limits.MaxSmtpLineLength} bytes");
            }

            int read;
            try
            {
                read = await stream.ReadAsync(_buffer, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no complete reply within {timeout.TotalSeconds:0.#} s");
            }

            if (read == 0)
            {
                throw new IOException(_pending.WrittenCount == 0 ? "the server closed the connection" : "the server closed the connection in the middle of a reply");
            }

            _pending.Write(_buffer.AsSpan(0, read));
        }
    }

    /// <summary>Sends one command line.</summary>
    public async Task SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        transcript.Add($"C: {command}");
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"could not send {command} within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Sends QUIT and reads the answer, ignoring a server that has gone already.</summary>
    public async Task QuitQuietlyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync("QUIT", timeout, cancellationToken);
            await ReadAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidDataException)
        {
            // The verdict is already known; a server that drops QUIT changes nothing.
        }
    }

    /// <summary>Replaces control characters so peer text can be shown and logged safely (posttls-finger does the same).</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxTranscriptLine));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, MaxTranscriptLine)))
        {
            builder.Append(c is < ' ' or (> '~' and < '\u00A0') ? '?' : c);
        }

        return text.Length > MaxTranscriptLine ? builder.Append("...").ToString() : builder.ToString();
    }
}
