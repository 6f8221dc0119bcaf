using MailTls.Core;
using MailTls.Core.Tls;

namespace MailTls.Collectors.Probe;

/// <summary>
/// The record layer of mailtls's own TLS client: reads records (decrypting once keys are in use),
/// reassembles handshake messages and keeps the handshake transcript. Bad or hostile server data
/// ends in <see cref="InvalidDataException"/>, a closed connection in <see cref="EndOfStreamException"/>;
/// reads stop after a byte limit. The caller bounds the time with its cancellation token.
/// </summary>
internal sealed class TlsClientChannel(Stream stream, ParserLimits limits, int maxBytes) : IDisposable
{
    private const ushort RecordVersion = (ushort)TlsProtocolVersion.Tls12;

    private readonly TlsHandshakeBuffer _handshake = new(limits);
    private readonly MemoryStream _transcript = new();
    // One record at most is incomplete, and TlsRecord refuses any longer than the limit.
    private readonly byte[] _buffer = new byte[limits.MaxRecordFragmentLength + TlsRecord.HeaderLength];
    private int _start;
    private int _end;
    private int _received;

    /// <summary>Decrypts records from the server; null while they are plaintext.</summary>
    public ITlsRecordProtection? ReadProtection { get; set; }

    /// <summary>TLS 1.2: the protection the server's ChangeCipherSpec switches to.</summary>
    public ITlsRecordProtection? PendingReadProtection { get; set; }

    /// <summary>Every handshake message sent and received so far, in order (header included).</summary>
    public byte[] Transcript => _transcript.ToArray();

    /// <summary>Adds a message to the transcript.</summary>
    public void Record(ReadOnlySpan<byte> message) => _transcript.Write(message);

    /// <summary>Sends bytes that are already records.</summary>
    public ValueTask SendAsync(byte[] records, CancellationToken cancellationToken) => stream.WriteAsync(records, cancellationToken);

    /// <summary>Sends handshake messages in one plaintext record, adding them to the transcript.</summary>
    public ValueTask SendHandshakeAsync(ReadOnlySpan<byte> messages, CancellationToken cancellationToken, ushort recordVersion = RecordVersion)
    {
        Record(messages);
        return SendAsync(PlaintextRecord(TlsContentType.Handshake, messages, recordVersion), cancellationToken);
    }

    /// <summary>A handshake message: type, uint24 length, body.</summary>
    public static byte[] Message(TlsHandshakeType type, ReadOnlySpan<byte> body) =>
        [(byte)type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];

    /// <summary>One plaintext record.</summary>
    public static byte[] PlaintextRecord(TlsContentType type, ReadOnlySpan<byte> fragment, ushort version = RecordVersion) =>
        [(byte)type, (byte)(version >> 8), (byte)version, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];

    /// <summary>
    /// The next handshake message (header included; not yet in the transcript), or null when
    /// application data or close_notify arrives first and <paramref name="untilApplicationData"/> allows it.
    /// </summary>
    public async Task<byte[]?> ReadHandshakeAsync(bool untilApplicationData, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = _handshake.TryReadMessage(out var message, out var error);
            if (status == ParseStatus.Done)
            {
                return Message(message.Type, message.Body);
            }

            if (status == ParseStatus.Invalid)
            {
                throw new InvalidDataException($"the server sent an unreadable handshake message ({error})");
            }

            var (type, fragment) = await ReadRecordAsync(cancellationToken);
            switch (type)
            {
                case TlsContentType.Handshake:
                    if (_handshake.Append(fragment, out error) != ParseStatus.Done)
                    {
                        throw new InvalidDataException($"the server sent an oversized handshake message ({error})");
                    }

                    break;

                case TlsContentType.ChangeCipherSpec:
                    // RFC 5246 section 7.1: one byte of value 1. In TLS 1.3 it is only a compatibility record (appendix D.4).
                    if (fragment is not [1])
                    {
                        throw new InvalidDataException("the server sent a malformed ChangeCipherSpec");
                    }

                    if (PendingReadProtection is { } pending)
                    {
                        ReadProtection = pending;
                        PendingReadProtection = null;
                    }

                    break;

                case TlsContentType.Alert when untilApplicationData && fragment is [(byte)TlsAlertLevel.Warning, (byte)TlsAlertDescription.CloseNotify]:
                    return null;

                case TlsContentType.Alert:
                    throw new InvalidDataException(TlsAlert.TryRead(fragment, out var alert, out _, out _) == ParseStatus.Done
                        ? $"the server sent {RawHelloExchange.Describe(alert)}"
                        : "the server sent a malformed alert");

                case TlsContentType.ApplicationData when untilApplicationData:
                    return null;

                default:
                    throw new InvalidDataException($"the server sent a {type} record in the middle of the handshake");
            }
        }
    }

    public void Dispose()
    {
        _transcript.Dispose();
        ReadProtection?.Dispose();
        PendingReadProtection?.Dispose();
    }

    private async Task<(TlsContentType Type, byte[] Fragment)> ReadRecordAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = TlsRecord.TryRead(_buffer.AsSpan(_start, _end - _start), limits, out var record, out var used, out var error);
            if (status == ParseStatus.Done)
            {
                _start += used;
                if (ReadProtection is { } protection && record.ContentType != TlsContentType.ChangeCipherSpec)
                {
                    if (!protection.TryDecrypt(_buffer.AsSpan(_start - used, TlsRecord.HeaderLength), record.Fragment, out var type, out var plaintext))
                    {
                        throw new InvalidDataException("a record from the server does not decrypt: the server derived other keys than mailtls's client");
                    }

                    return (type, plaintext);
                }

                return (record.ContentType, record.Fragment.ToArray());
            }

            if (status == ParseStatus.Invalid)
            {
                throw new InvalidDataException($"the server sent something that is not a TLS record ({error})");
            }

            if (_received >= maxBytes)
            {
                throw new InvalidDataException($"more than {maxBytes} bytes without completing the handshake");
            }

            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("the server closed the connection in the middle of the handshake");
            }

            _end += read;
            _received += read;
        }
    }
}
