using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>
/// Reads the TLS 1.2-and-earlier Certificate message: the server's chain as DER blobs, in the order
/// sent (RFC 5246 section 7.4.2). The count and total size are capped by <see cref="ParserLimits"/>
/// so a 500-certificate chain cannot exhaust memory. The DER itself is not decoded here.
/// </summary>
public static class CertificateMessageReader
{
    /// <summary>
    /// Reads a Certificate message body.
    /// <code>
    /// opaque ASN.1Cert&lt;1..2^24-1&gt;;
    /// struct {
    ///     ASN.1Cert certificate_list&lt;0..2^24-1&gt;;
    /// } Certificate;
    /// </code>
    /// </summary>
    /// <param name="message">The handshake message; its type must be certificate.</param>
    /// <param name="limits">Limits: <see cref="ParserLimits.MaxCertificates"/> and <see cref="ParserLimits.MaxCertificateChainBytes"/>.</param>
    /// <param name="certificates">Copies of the DER certificates, leaf first as sent.</param>
    /// <param name="errorOffset">Offset in the body of the first bad byte when invalid.</param>
    /// <param name="error">Why the message is invalid.</param>
    public static ParseStatus TryRead(TlsHandshakeMessage message, ParserLimits limits, out ImmutableArray<ImmutableArray<byte>> certificates, out int errorOffset, out TlsParseError error)
    {
        if (!IsCertificate(message, limits, out certificates, out errorOffset, out error))
        {
            return ParseStatus.Invalid;
        }

        var reader = new TlsReader(message.Body);
        if (!reader.TryReadVector24(out var list))
        {
            return Fail(0, TlsParseError.Truncated, out errorOffset, out error);
        }

        if (!reader.End)
        {
            return Fail(reader.Consumed, TlsParseError.TrailingData, out errorOffset, out error);
        }

        const int ListHeaderLength = 3;
        if (list.Length > limits.MaxCertificateChainBytes + (limits.MaxCertificates * 3))
        {
            return Fail(0, TlsParseError.CertificateChainTooLarge, out errorOffset, out error);
        }

        return ReadEntries(list, ListHeaderLength, entryExtensions: false, limits, out certificates, out errorOffset, out error);
    }

    /// <summary>
    /// Reads a TLS 1.3 Certificate message body (RFC 8446 section 4.4.2), keeping the DER of each
    /// entry and skipping its extensions (OCSP, SCT), under the same limits.
    /// <code>
    /// struct {
    ///     opaque cert_data&lt;1..2^24-1&gt;;
    ///     Extension extensions&lt;0..2^16-1&gt;;
    /// } CertificateEntry;
    /// struct {
    ///     opaque certificate_request_context&lt;0..2^8-1&gt;;
    ///     CertificateEntry certificate_list&lt;0..2^24-1&gt;;
    /// } Certificate;
    /// </code>
    /// </summary>
    /// <param name="message">The handshake message; its type must be certificate.</param>
    /// <param name="limits">Limits: <see cref="ParserLimits.MaxCertificates"/> and <see cref="ParserLimits.MaxCertificateChainBytes"/>.</param>
    /// <param name="certificates">Copies of the DER certificates, leaf first as sent.</param>
    /// <param name="errorOffset">Offset in the body of the first bad byte when invalid.</param>
    /// <param name="error">Why the message is invalid.</param>
    public static ParseStatus TryReadTls13(TlsHandshakeMessage message, ParserLimits limits, out ImmutableArray<ImmutableArray<byte>> certificates, out int errorOffset, out TlsParseError error)
    {
        if (!IsCertificate(message, limits, out certificates, out errorOffset, out error))
        {
            return ParseStatus.Invalid;
        }

        var reader = new TlsReader(message.Body);
        if (!reader.TryReadVector8(out _))
        {
            return Fail(0, TlsParseError.Truncated, out errorOffset, out error);
        }

        var listOffset = reader.Consumed + 3;
        if (!reader.TryReadVector24(out var list))
        {
            return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
        }

        if (!reader.End)
        {
            return Fail(reader.Consumed, TlsParseError.TrailingData, out errorOffset, out error);
        }

        return ReadEntries(list, listOffset, entryExtensions: true, limits, out certificates, out errorOffset, out error);
    }

    /// <summary>
    /// Reads certificate_list, whose first byte is at <paramref name="listOffset"/> in the body: the DER
    /// of each entry, then (TLS 1.3, <paramref name="entryExtensions"/>) the entry's extensions, skipped.
    /// </summary>
    private static ParseStatus ReadEntries(
        ReadOnlySpan<byte> list, int listOffset, bool entryExtensions, ParserLimits limits, out ImmutableArray<ImmutableArray<byte>> certificates, out int errorOffset, out TlsParseError error)
    {
        certificates = [];
        var builder = ImmutableArray.CreateBuilder<ImmutableArray<byte>>();
        var listReader = new TlsReader(list);
        var total = 0;
        while (!listReader.End)
        {
            var start = listOffset + listReader.Consumed;
            if (!listReader.TryReadVector24(out var der) || (entryExtensions && !listReader.TryReadVector16(out _)))
            {
                return Fail(start, TlsParseError.Truncated, out errorOffset, out error);
            }

            if (der.IsEmpty)
            {
                return Fail(start, TlsParseError.EmptyCertificate, out errorOffset, out error);
            }

            if (builder.Count == limits.MaxCertificates)
            {
                return Fail(start, TlsParseError.TooManyCertificates, out errorOffset, out error);
            }

            total += der.Length;
            if (total > limits.MaxCertificateChainBytes)
            {
                return Fail(start, TlsParseError.CertificateChainTooLarge, out errorOffset, out error);
            }

            builder.Add([.. der]);
        }

        certificates = builder.ToImmutable();
        errorOffset = 0;
        error = TlsParseError.None;
        return ParseStatus.Done;
    }

    /// <summary>Starts a read with empty results; false when the message is not a Certificate.</summary>
    private static bool IsCertificate(TlsHandshakeMessage message, ParserLimits limits, out ImmutableArray<ImmutableArray<byte>> certificates, out int errorOffset, out TlsParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        certificates = [];
        errorOffset = 0;
        error = message.Type == TlsHandshakeType.Certificate ? TlsParseError.None : TlsParseError.UnexpectedHandshakeType;
        return error == TlsParseError.None;
    }

    private static ParseStatus Fail(int offset, TlsParseError reason, out int errorOffset, out TlsParseError error)
    {
        errorOffset = offset;
        error = reason;
        return ParseStatus.Invalid;
    }
}
