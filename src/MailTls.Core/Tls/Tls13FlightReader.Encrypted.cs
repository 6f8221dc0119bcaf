using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// The encrypted part: key schedule, record decryption and the messages up to CertificateVerify.
public sealed partial class Tls13FlightReader
{
    private const int MaxCiphertextLength = (1 << 14) + 256;

    private Tls13RecordProtection? _protection;
    private TlsHandshakeBuffer? _encrypted;
    private ServerHelloInfo? _serverHello;
    private Tls13FlightInfo _flight = new();
    private bool _certificateRead;

    private void StartDecryption(Tls13Suite suite, byte[] sharedSecret)
    {
        var transcript = Tls13KeySchedule.TranscriptHash(suite.Hash, _transcript);
        var handshakeSecret = Tls13KeySchedule.HandshakeSecret(suite.Hash, sharedSecret);
        var traffic = Tls13KeySchedule.ServerHandshakeTrafficSecret(suite.Hash, handshakeSecret, transcript);
        var (key, iv) = Tls13KeySchedule.TrafficKey(suite.Hash, traffic, suite.KeyLength);
        _protection = Tls13RecordProtection.Create(suite, key, iv);
        _encrypted = new TlsHandshakeBuffer(_limits);
    }

    /// <summary>Records after the ServerHello: protected handshake records, a compatibility change_cipher_spec, an alert.</summary>
    private ParseStatus ReadProtected(ReadOnlySpan<byte> header, TlsRecord record, out Tls13FlightInfo? flight, out TlsParseError error)
    {
        flight = null;
        error = TlsParseError.None;
        switch (record.ContentType)
        {
            case TlsContentType.ChangeCipherSpec when ++_skipped <= MaxSkippedRecords:
                return ParseStatus.NeedMoreData;

            // A server that fails before protecting its records may still send a plaintext alert.
            case TlsContentType.Alert:
                return ReadAlert(record.Fragment, out flight, out error);

            // RFC 8446 section 5.2: a TLSCiphertext longer than 2^14 + 256 is a record_overflow, although a
            // TLS 1.2 record (and so the record reader's limit) may carry up to 2^14 + 2048.
            case TlsContentType.ApplicationData when record.Fragment.Length > MaxCiphertextLength:
                error = TlsParseError.RecordTooLong;
                return ParseStatus.Invalid;

            case TlsContentType.ApplicationData:
                break;

            default:
                error = TlsParseError.UnexpectedRecord;
                return ParseStatus.Invalid;
        }

        if (!_protection!.TryDecrypt(header, record.Fragment, out var type, out var content))
        {
            error = TlsParseError.DecryptionFailed;
            return ParseStatus.Invalid;
        }

        switch (type)
        {
            case TlsContentType.Alert:
                return ReadAlert(content, out flight, out error);

            // RFC 8446 section 5.4: handshake content must not be empty.
            case TlsContentType.Handshake when content.Length > 0:
                if (_encrypted!.Append(content, out error) != ParseStatus.Done)
                {
                    return ParseStatus.Invalid;
                }

                return DrainMessages(out flight, out error);

            default:
                error = TlsParseError.UnexpectedRecord;
                return ParseStatus.Invalid;
        }
    }

    /// <summary>RFC 8446 section 2: EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify, in this order.</summary>
    private ParseStatus DrainMessages(out Tls13FlightInfo? flight, out TlsParseError error)
    {
        flight = null;
        while (true)
        {
            var status = _encrypted!.TryReadMessage(out var message, out error);
            if (status != ParseStatus.Done)
            {
                return status;
            }

            var first = _flight.ServerHello is null;
            switch (message.Type)
            {
                case TlsHandshakeType.EncryptedExtensions when first:
                    if (!TryReadExtensions(message.Body, out var extensions, out error))
                    {
                        return ParseStatus.Invalid;
                    }

                    _flight = _flight with { ServerHello = _serverHello, Retried = _retried, EncryptedExtensions = extensions };
                    break;

                case TlsHandshakeType.CertificateRequest when !first && !_certificateRead && !_flight.CertificateRequested:
                    _flight = _flight with { CertificateRequested = true };
                    break;

                case TlsHandshakeType.Certificate when !first && !_certificateRead:
                    if (CertificateMessageReader.TryReadTls13(message, _limits, out var certificates, out _, out error) != ParseStatus.Done)
                    {
                        return ParseStatus.Invalid;
                    }

                    _certificateRead = true;
                    _flight = _flight with { Certificates = certificates };
                    break;

                // struct { SignatureScheme algorithm; opaque signature<0..2^16-1>; } CertificateVerify;
                case TlsHandshakeType.CertificateVerify when _certificateRead:
                    var reader = new TlsReader(message.Body);
                    if (!reader.TryReadUInt16(out var scheme) || !reader.TryReadVector16(out _) || !reader.End)
                    {
                        error = TlsParseError.Truncated;
                        return ParseStatus.Invalid;
                    }

                    flight = _flight with { SignatureScheme = (TlsSignatureScheme)scheme };
                    return ParseStatus.Done;

                default:
                    error = TlsParseError.UnexpectedHandshakeType;
                    return ParseStatus.Invalid;
            }
        }
    }

    /// <summary>Extension extensions&lt;0..2^16-1&gt;, each { ExtensionType extension_type; opaque extension_data&lt;0..2^16-1&gt;; }.</summary>
    private bool TryReadExtensions(ReadOnlySpan<byte> body, out ImmutableArray<TlsExtensionInfo> extensions, out TlsParseError error)
    {
        extensions = [];
        var reader = new TlsReader(body);
        if (!reader.TryReadVector16(out var data) || !reader.End)
        {
            error = TlsParseError.Truncated;
            return false;
        }

        var list = ImmutableArray.CreateBuilder<TlsExtensionInfo>();
        var entries = new TlsReader(data);
        while (!entries.End)
        {
            if (!entries.TryReadUInt16(out var type) || !entries.TryReadVector16(out var value))
            {
                error = TlsParseError.Truncated;
                return false;
            }

            if (list.Any(e => (ushort)e.Type == type))
            {
                error = TlsParseError.DuplicateExtension;
                return false;
            }

            if (list.Count == _limits.MaxExtensions)
            {
                error = TlsParseError.TooManyExtensions;
                return false;
            }

            list.Add(new TlsExtensionInfo((TlsExtensionType)type, value.Length));
        }

        extensions = list.ToImmutable();
        error = TlsParseError.None;
        return true;
    }
}
