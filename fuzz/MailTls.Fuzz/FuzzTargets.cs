using System.Buffers;
using MailTls.Core;
using MailTls.Core.Smtp;
using MailTls.Core.Tls;

namespace MailTls.Fuzz;

/// <summary>
/// One fuzz entry point over every parser that reads peer data. The first input byte picks the
/// parser and the second where a pipe would split the bytes; the rest is what the peer sent.
/// Besides "never throws", each target checks the parser contract, so a wrong offset or a status
/// that depends on how the bytes arrived is a crash too:
/// Done consumes 1..length bytes; Invalid reports an offset inside the input; a prefix of a
/// complete value needs more data; the span and multi-segment sequence overloads agree.
/// </summary>
internal static class FuzzTargets
{
    private const int TargetCount = 8;

    // Small limits make the limit branches reachable with short inputs.
    private static readonly ParserLimits Small = new()
    {
        MaxRecordFragmentLength = 512,
        MaxHandshakeMessageLength = 1024,
        MaxCertificates = 3,
        MaxCertificateChainBytes = 600,
        MaxExtensions = 4,
        MaxSmtpLineLength = 64,
        MaxSmtpReplyLines = 4,
    };

    public static void Run(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var limits = (input[0] & 0x80) == 0 ? ParserLimits.Default : Small;
        var split = input[1];
        var data = input[2..];
        switch ((input[0] & 0x7F) % TargetCount)
        {
            case 0:
                ServerFlight(data, split, limits);
                break;
            case 1:
                ClientHello(data, limits);
                break;
            case 2:
                SslV2(data, limits);
                break;
            case 3:
                SmtpReply(data, split, limits);
                break;
            case 4:
                ClientHelloRewriter.Rewrite(data, split % 2 == 0 ? null : "mx.example.net", limits);
                break;
            case 5:
                HandshakeMessage(data, split, limits);
                break;
            case 6:
                Tls13Flight(data, split, limits);
                break;
            default:
                Record(data, split, limits);
                break;
        }
    }

    private static void ServerFlight(byte[] data, int split, ParserLimits limits)
    {
        var status = ServerFlightReader.TryRead(data, limits, out var flight, out var consumed, out var error);
        CheckContract(status, consumed, data.Length, flight is not null, error != TlsParseError.None);
        var sequenceStatus = ServerFlightReader.TryRead(Segments(data, split), limits, out _, out var sequenceConsumed, out var sequenceError);
        Agree(status, consumed, error, sequenceStatus, sequenceConsumed, sequenceError);
        if (status == ParseStatus.Done)
        {
            ForPrefixes(consumed, split, length => ServerFlightReader.TryRead(data.AsSpan(0, length), limits, out _, out _, out _));
        }
    }

    private static void ClientHello(byte[] data, ParserLimits limits)
    {
        var status = ClientHelloReader.TryReadRecords(data, limits, out var hello, out var consumed, out var error);
        CheckContract(status, consumed, data.Length, hello is not null, error != TlsParseError.None);
        if (status == ParseStatus.Done)
        {
            ForPrefixes(consumed, consumed, length => ClientHelloReader.TryReadRecords(data.AsSpan(0, length), limits, out _, out _, out _));
        }
    }

    private static void SslV2(byte[] data, ParserLimits limits)
    {
        var status = SslV2ServerHelloReader.TryRead(data, limits, out var hello, out var consumed, out var error);
        CheckContract(status, consumed, data.Length, hello is not null, error != TlsParseError.None);
        if (status == ParseStatus.Done)
        {
            ForPrefixes(consumed, consumed, length => SslV2ServerHelloReader.TryRead(data.AsSpan(0, length), limits, out _, out _, out _));
        }
    }

    private static void SmtpReply(byte[] data, int split, ParserLimits limits)
    {
        var status = SmtpReplyReader.TryRead(data, limits, out var reply, out var consumed, out var error);
        CheckContract(status, consumed, data.Length, reply is not null, error != SmtpParseError.None);
        var sequenceStatus = SmtpReplyReader.TryRead(Segments(data, split), limits, out _, out var sequenceConsumed, out var sequenceError);
        if (sequenceStatus != status || (status != ParseStatus.NeedMoreData && (sequenceConsumed != consumed || sequenceError != error)))
        {
            throw new InvalidOperationException($"SMTP span {status}/{consumed}/{error} but sequence {sequenceStatus}/{sequenceConsumed}/{sequenceError}");
        }

        if (status == ParseStatus.Done)
        {
            SmtpCapabilities.FromEhloReply(reply!);
            SmtpGreeting.Classify(reply!);
            ForPrefixes(consumed, split, length => SmtpReplyReader.TryRead(data.AsSpan(0, length), limits, out _, out _, out _));
        }
    }

    private static void HandshakeMessage(byte[] data, int selector, ParserLimits limits)
    {
        if (TlsHandshakeMessage.TryRead(data, limits, out var message, out _, out _) != ParseStatus.Done)
        {
            return;
        }

        var body = message.Body.Length;
        switch (message.Type)
        {
            case TlsHandshakeType.ServerHello:
                var helloStatus = ServerHelloReader.TryRead(message, limits, out var hello, out var helloOffset, out var helloError);
                CheckMessage(helloStatus, helloOffset, body, hello is not null, helloError != TlsParseError.None);
                break;
            case TlsHandshakeType.Certificate:
                var certificateStatus = CertificateMessageReader.TryRead(message, limits, out var chain, out var certificateOffset, out var certificateError);
                CheckMessage(certificateStatus, certificateOffset, body, true, certificateError != TlsParseError.None);
                var tls13Status = CertificateMessageReader.TryReadTls13(message, limits, out var tls13Chain, out var tls13Offset, out var tls13Error);
                CheckMessage(tls13Status, tls13Offset, body, true, tls13Error != TlsParseError.None);
                if (chain.Length > limits.MaxCertificates || chain.Sum(c => c.Length) > limits.MaxCertificateChainBytes
                    || tls13Chain.Length > limits.MaxCertificates || tls13Chain.Sum(c => c.Length) > limits.MaxCertificateChainBytes)
                {
                    throw new InvalidOperationException($"{chain.Length} (TLS 1.3: {tls13Chain.Length}) certificates read past the limits");
                }

                break;
            case TlsHandshakeType.ClientHello:
                var clientStatus = ClientHelloReader.TryRead(message, limits, out var client, out var clientOffset, out var clientError);
                CheckMessage(clientStatus, clientOffset, body, client is not null, clientError != TlsParseError.None);
                break;
            case TlsHandshakeType.NewSessionTicket:
                var ticketVersion = (selector & 4) == 0 ? TlsProtocolVersion.Tls12 : TlsProtocolVersion.Tls13;
                var ticketStatus = SessionTicketReader.TryRead(message, ticketVersion, out var ticket, out var ticketOffset, out var ticketError);
                CheckMessage(ticketStatus, ticketOffset, body, ticket is not null, ticketError != TlsParseError.None);
                break;
            default:
                // Any other type is read as a ServerKeyExchange of a key exchange and version the selector picks.
                var keyExchange = (selector & 3) switch
                {
                    0 => KeyExchangeAlgorithm.Dhe,
                    1 => KeyExchangeAlgorithm.Ecdhe,
                    2 => KeyExchangeAlgorithm.Rsa,
                    _ => KeyExchangeAlgorithm.Psk,
                };
                var version = (selector & 4) == 0 ? TlsProtocolVersion.Tls12 : TlsProtocolVersion.Tls10;
                var anonymous = (selector & 8) != 0;
                var kxMessage = new TlsHandshakeMessage(TlsHandshakeType.ServerKeyExchange, message.Body);
                var kxStatus = ServerKeyExchangeReader.TryRead(kxMessage, keyExchange, anonymous, version, out var kx, out var kxOffset, out var kxError);
                CheckMessage(kxStatus, kxOffset, body, kx is not null, kxError != TlsParseError.None);
                ServerKeyExchangeReader.TryReadServerHelloDone(new TlsHandshakeMessage(TlsHandshakeType.ServerHelloDone, message.Body), out _);
                TlsAlert.TryRead(message.Body, out _, out _, out _);
                break;
        }
    }

    /// <summary>
    /// The TLS 1.3 reader after a real first ClientHello: the peer bytes arrive in two parts (at the
    /// split), and a HelloRetryRequest is answered, so the retry path is reached too. Without the
    /// server's keys nothing decrypts, but everything before the keys and every rejection path is hit.
    /// </summary>
    private static void Tls13Flight(byte[] data, int split, ParserLimits limits)
    {
        using var reader = new Tls13FlightReader(limits);
        reader.BuildClientHello(ClientHelloOptions.For(TlsProtocolVersion.Tls13, Tls13FlightReader.DecryptableSuites));
        var first = Math.Min(split, data.Length);
        var status = reader.TryRead(data.AsSpan(0, first), out var flight, out var consumed, out var error);
        if (status == ParseStatus.NeedMoreData || flight?.ServerHello is { IsHelloRetryRequest: true })
        {
            if (status == ParseStatus.Done)
            {
                reader.BuildRetryHello();
            }

            status = reader.TryRead(data, out flight, out consumed, out error);
        }

        CheckContract(status, consumed, data.Length, flight is not null, error != TlsParseError.None);
        if (flight is not null && (flight.Certificates.Length > limits.MaxCertificates || flight.EncryptedExtensions.Length > limits.MaxExtensions))
        {
            throw new InvalidOperationException("a TLS 1.3 flight read past the limits");
        }
    }

    private static void Record(byte[] data, int split, ParserLimits limits)
    {
        var status = TlsRecord.TryRead(data, limits, out var record, out var consumed, out var error);
        CheckContract(status, consumed, data.Length, true, error != TlsParseError.None);
        var fragmentLength = record.Fragment.Length;
        if (status == ParseStatus.Done && fragmentLength > limits.MaxRecordFragmentLength)
        {
            throw new InvalidOperationException($"record of {fragmentLength} bytes read past the limit");
        }

        var sequenceStatus = TlsRecord.TryRead(Segments(data, split), limits, out _, out var sequenceConsumed, out var sequenceError);
        Agree(status, consumed, error, sequenceStatus, sequenceConsumed, sequenceError);

        var buffer = new TlsHandshakeBuffer(limits);
        for (var offset = 0; offset < data.Length; offset += Math.Max(1, split))
        {
            if (buffer.Append(data.AsSpan(offset, Math.Min(Math.Max(1, split), data.Length - offset)), out _) != ParseStatus.Done)
            {
                break;
            }

            while (buffer.TryReadMessage(out _, out _) == ParseStatus.Done)
            {
            }
        }

        if (buffer.BufferedLength > limits.MaxHandshakeMessageLength + TlsHandshakeMessage.HeaderLength + limits.MaxRecordFragmentLength)
        {
            throw new InvalidOperationException($"handshake buffer holds {buffer.BufferedLength} bytes past its bound");
        }
    }

    private static void CheckContract(ParseStatus status, int consumed, int length, bool hasValue, bool hasError)
    {
        var ok = status switch
        {
            ParseStatus.Done => consumed > 0 && consumed <= length && hasValue && !hasError,
            ParseStatus.Invalid => consumed >= 0 && consumed <= length && hasError,
            ParseStatus.NeedMoreData => !hasError,
            _ => false,
        };
        if (!ok)
        {
            throw new InvalidOperationException($"{status} with consumed {consumed} of {length}, value {hasValue}, error {hasError}");
        }
    }

    private static void CheckMessage(ParseStatus status, int errorOffset, int length, bool hasValue, bool hasError)
    {
        // A complete message is never "incomplete": a short body is malformed.
        var ok = status switch
        {
            ParseStatus.Done => hasValue && !hasError,
            ParseStatus.Invalid => errorOffset >= 0 && errorOffset <= length && hasError,
            _ => false,
        };
        if (!ok)
        {
            throw new InvalidOperationException($"message {status} at {errorOffset} of {length}, value {hasValue}, error {hasError}");
        }
    }

    private static void Agree(ParseStatus status, int consumed, TlsParseError error, ParseStatus other, int otherConsumed, TlsParseError otherError)
    {
        if (status != other || consumed != otherConsumed || error != otherError)
        {
            throw new InvalidOperationException($"span {status}/{consumed}/{error} but sequence {other}/{otherConsumed}/{otherError}");
        }
    }

    private static void ForPrefixes(int complete, int seed, Func<int, ParseStatus> read)
    {
        // Every prefix would be exhaustive but slow under AFL; the last byte, the first bytes and one
        // input-chosen cut cover the boundaries where a resumable parser goes wrong.
        foreach (var length in new[] { 0, 1, complete / 2, seed % complete, complete - 1 })
        {
            var status = read(length);
            if (status != ParseStatus.NeedMoreData)
            {
                throw new InvalidOperationException($"prefix of {length} of a complete {complete}-byte value gave {status}");
            }
        }
    }

    private static ReadOnlySequence<byte> Segments(byte[] data, int segmentLength)
    {
        segmentLength = Math.Max(1, segmentLength);
        if (data.Length <= segmentLength)
        {
            return new ReadOnlySequence<byte>(data);
        }

        var first = new Segment(data.AsMemory(0, segmentLength), 0);
        var last = first;
        for (var offset = segmentLength; offset < data.Length; offset += segmentLength)
        {
            last = last.Append(data.AsMemory(offset, Math.Min(segmentLength, data.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
