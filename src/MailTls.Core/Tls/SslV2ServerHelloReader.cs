using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>Reads an SSL 2.0 SERVER-HELLO, the answer of an SSLv2 server to <see cref="SslV2ClientHelloBuilder"/>.</summary>
public static class SslV2ServerHelloReader
{
    private const int HeaderLength = 2;
    private const byte TwoByteHeaderFlag = 0x80;
    private const byte LengthHighMask = 0x7F;
    private const byte MessageTypeServerHello = 4;
    private const int CipherSpecLength = 3;

    /// <summary>
    /// Reads the record and message.
    /// <code>
    /// uint16 record_length;             /* high bit set */
    /// uint8  msg_type;                  /* 4 = SERVER-HELLO */
    /// uint8  session_id_hit;
    /// uint8  certificate_type;
    /// uint16 server_version;
    /// uint16 certificate_length;
    /// uint16 cipher_specs_length;       /* multiple of 3 */
    /// uint16 connection_id_length;
    /// opaque certificate[certificate_length];
    /// uint24 cipher_specs[cipher_specs_length / 3];
    /// opaque connection_id[connection_id_length];
    /// </code>
    /// </summary>
    /// <param name="source">Bytes received so far.</param>
    /// <param name="limits">Limits; <see cref="ParserLimits.MaxCertificateChainBytes"/> caps the certificate.</param>
    /// <param name="hello">The result when done.</param>
    /// <param name="consumed">Bytes used when done; the error offset when invalid.</param>
    /// <param name="error">Why the input is invalid.</param>
    public static ParseStatus TryRead(ReadOnlySpan<byte> source, ParserLimits limits, out SslV2ServerHelloInfo? hello, out int consumed, out TlsParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        hello = null;
        consumed = 0;
        error = TlsParseError.None;
        var reader = new TlsReader(source);
        if (!reader.TryReadUInt8(out var first))
        {
            return ParseStatus.NeedMoreData;
        }

        if ((first & TwoByteHeaderFlag) == 0)
        {
            error = TlsParseError.NotSslV2;
            return ParseStatus.Invalid;
        }

        if (!reader.TryReadUInt8(out var second))
        {
            return ParseStatus.NeedMoreData;
        }

        var length = ((first & LengthHighMask) << 8) | second;
        if (!reader.TryReadBytes(length, out var body))
        {
            return ParseStatus.NeedMoreData;
        }

        var message = new TlsReader(body);
        if (!message.TryReadUInt8(out var type))
        {
            return Fail(HeaderLength, TlsParseError.Truncated, out consumed, out error);
        }

        if (type != MessageTypeServerHello)
        {
            return Fail(HeaderLength, TlsParseError.UnexpectedHandshakeType, out consumed, out error);
        }

        if (!message.TryReadUInt8(out var hit)
            || !message.TryReadUInt8(out var certificateType)
            || !message.TryReadUInt16(out var version)
            || !message.TryReadUInt16(out var certificateLength)
            || !message.TryReadUInt16(out var specsLength)
            || !message.TryReadUInt16(out var connectionIdLength))
        {
            return Fail(HeaderLength + message.Consumed, TlsParseError.Truncated, out consumed, out error);
        }

        if (certificateLength > limits.MaxCertificateChainBytes)
        {
            return Fail(HeaderLength + message.Consumed, TlsParseError.CertificateChainTooLarge, out consumed, out error);
        }

        if (specsLength % CipherSpecLength != 0)
        {
            return Fail(HeaderLength + message.Consumed, TlsParseError.BadVectorLength, out consumed, out error);
        }

        if (!message.TryReadBytes(certificateLength, out var certificate)
            || !message.TryReadBytes(specsLength, out var specBytes)
            || !message.TryReadBytes(connectionIdLength, out _))
        {
            return Fail(HeaderLength + message.Consumed, TlsParseError.Truncated, out consumed, out error);
        }

        if (!message.End)
        {
            return Fail(HeaderLength + message.Consumed, TlsParseError.TrailingData, out consumed, out error);
        }

        var specs = ImmutableArray.CreateBuilder<int>(specsLength / CipherSpecLength);
        var specReader = new TlsReader(specBytes);
        while (specReader.TryReadUInt24(out var spec))
        {
            specs.Add(spec);
        }

        hello = new SslV2ServerHelloInfo(version, hit != 0, certificateType, [.. certificate], specs.MoveToImmutable());
        consumed = reader.Consumed;
        return ParseStatus.Done;
    }

    private static ParseStatus Fail(int offset, TlsParseError reason, out int consumed, out TlsParseError error)
    {
        consumed = offset;
        error = reason;
        return ParseStatus.Invalid;
    }
}
