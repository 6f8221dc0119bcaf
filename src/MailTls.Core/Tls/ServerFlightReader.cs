using System.Buffers;

namespace MailTls.Core.Tls;

/// <summary>
/// Reads a server's answer to a ClientHello from the bytes received so far: records, then handshake
/// messages across records, then the typed messages. Stateless: the I/O layer appends what it reads
/// and calls again while the result is <see cref="ParseStatus.NeedMoreData"/>. The total is bounded
/// by the record and message limits, so a server that never finishes cannot grow memory without end.
/// </summary>
public static class ServerFlightReader
{
    // An alert flood is a hostile-server pattern; a handful of warnings is already unusual.
    private const int MaxWarningAlerts = 8;

    // Records a TLS 1.2 flight has no use for (change_cipher_spec, empty application data) are
    // skipped, but only a few: an endless run of them would otherwise read as "need more data" for ever.
    private const int MaxSkippedRecords = 8;

    /// <summary>
    /// Reads the flight from a pipe's buffer. A multi-segment sequence is copied once; its size is
    /// bounded by what the caller reads, which the record and message limits keep small.
    /// </summary>
    public static ParseStatus TryRead(in ReadOnlySequence<byte> received, ParserLimits limits, out ServerFlightInfo? flight, out int consumed, out TlsParseError error) =>
        received.IsSingleSegment
            ? TryRead(received.FirstSpan, limits, out flight, out consumed, out error)
            : TryRead(received.ToArray(), limits, out flight, out consumed, out error);

    /// <summary>Reads the flight.</summary>
    /// <param name="received">All bytes received from the server since the ClientHello was sent.</param>
    /// <param name="limits">Parser limits.</param>
    /// <param name="flight">What was read when done.</param>
    /// <param name="consumed">Bytes used when done; the offset of the bad record when invalid.</param>
    /// <param name="error">Why the flight is invalid.</param>
    public static ParseStatus TryRead(ReadOnlySpan<byte> received, ParserLimits limits, out ServerFlightInfo? flight, out int consumed, out TlsParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        flight = null;
        var result = new ServerFlightInfo();
        var buffer = new TlsHandshakeBuffer(limits);
        var offset = 0;
        var skipped = 0;
        while (true)
        {
            var status = TlsRecord.TryRead(received[offset..], limits, out var record, out var used, out error);
            if (status != ParseStatus.Done)
            {
                consumed = offset + used;
                return status;
            }

            var recordOffset = offset;
            offset += used;
            switch (record.ContentType)
            {
                case TlsContentType.Alert:
                    status = TlsAlert.TryRead(record.Fragment, out var alert, out _, out error);
                    if (status != ParseStatus.Done)
                    {
                        // A one-byte alert fragment could legally continue in the next record, but no
                        // server does that; it is reported as a bad alert rather than waited for.
                        consumed = recordOffset;
                        error = TlsParseError.BadAlert;
                        return ParseStatus.Invalid;
                    }

                    // TLS 1.2 and earlier: a warning (other than close_notify) does not end the handshake.
                    if (alert.Level == TlsAlertLevel.Warning && alert.Description != TlsAlertDescription.CloseNotify)
                    {
                        if (result.WarningAlerts.Length == MaxWarningAlerts)
                        {
                            consumed = recordOffset;
                            error = TlsParseError.BadAlert;
                            return ParseStatus.Invalid;
                        }

                        result = result with { WarningAlerts = result.WarningAlerts.Add(alert) };
                        break;
                    }

                    flight = result with { Alert = alert };
                    consumed = offset;
                    return ParseStatus.Done;

                case TlsContentType.Handshake:
                    if (buffer.Append(record.Fragment, out error) != ParseStatus.Done)
                    {
                        consumed = recordOffset;
                        return ParseStatus.Invalid;
                    }

                    status = DrainMessages(buffer, limits, ref result, out var complete, out error);
                    if (status == ParseStatus.Invalid)
                    {
                        consumed = recordOffset;
                        return status;
                    }

                    if (complete)
                    {
                        flight = result;
                        consumed = offset;
                        return ParseStatus.Done;
                    }

                    break;

                default:
                    // RFC 8446 appendix D.4: a compatibility change_cipher_spec may follow; anything
                    // else before the ServerHello is a protocol error.
                    if (result.ServerHello is null)
                    {
                        consumed = recordOffset;
                        error = TlsParseError.UnexpectedHandshakeType;
                        return ParseStatus.Invalid;
                    }

                    if (++skipped > MaxSkippedRecords)
                    {
                        consumed = recordOffset;
                        error = TlsParseError.UnexpectedRecord;
                        return ParseStatus.Invalid;
                    }

                    break;
            }
        }
    }

    private static ParseStatus DrainMessages(TlsHandshakeBuffer buffer, ParserLimits limits, ref ServerFlightInfo result, out bool complete, out TlsParseError error)
    {
        complete = false;
        while (true)
        {
            var status = buffer.TryReadMessage(out var message, out error);
            if (status != ParseStatus.Done)
            {
                return status == ParseStatus.NeedMoreData ? ParseStatus.Done : status;
            }

            if (result.ServerHello is null && message.Type != TlsHandshakeType.ServerHello)
            {
                error = TlsParseError.UnexpectedHandshakeType;
                return ParseStatus.Invalid;
            }

            switch (message.Type)
            {
                case TlsHandshakeType.ServerHello:
                    if (result.ServerHello is not null
                        || ServerHelloReader.TryRead(message, limits, out var hello, out _, out error) != ParseStatus.Done)
                    {
                        error = error == TlsParseError.None ? TlsParseError.UnexpectedHandshakeType : error;
                        return ParseStatus.Invalid;
                    }

                    result = result with { ServerHello = hello };

                    // TLS 1.3: everything after the ServerHello is encrypted; a HelloRetryRequest ends the flight too.
                    if (hello!.IsHelloRetryRequest || hello.Version >= TlsProtocolVersion.Tls13)
                    {
                        complete = true;
                        return ParseStatus.Done;
                    }

                    break;

                case TlsHandshakeType.Certificate:
                    if (CertificateMessageReader.TryRead(message, limits, out var certificates, out _, out error) != ParseStatus.Done)
                    {
                        return ParseStatus.Invalid;
                    }

                    result = result with { Certificates = certificates };
                    break;

                case TlsHandshakeType.ServerKeyExchange:
                    var suite = result.ServerHello!.Suite;
                    if (ServerKeyExchangeReader.TryRead(message, suite.KeyExchange, suite.IsAnonymous, result.ServerHello.Version, out var keyExchange, out _, out error) != ParseStatus.Done)
                    {
                        return ParseStatus.Invalid;
                    }

                    result = result with { ServerKeyExchange = keyExchange };
                    break;

                case TlsHandshakeType.CertificateRequest:
                    result = result with { CertificateRequested = true };
                    break;

                case TlsHandshakeType.CertificateStatus:
                    result = result with { CertificateStatusSent = true };
                    break;

                case TlsHandshakeType.ServerHelloDone:
                    if (ServerKeyExchangeReader.TryReadServerHelloDone(message, out error) != ParseStatus.Done)
                    {
                        return ParseStatus.Invalid;
                    }

                    result = result with { ServerHelloDone = true };
                    complete = true;
                    return ParseStatus.Done;

                default:
                    error = TlsParseError.UnexpectedHandshakeType;
                    return ParseStatus.Invalid;
            }
        }
    }
}
