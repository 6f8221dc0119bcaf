using System.Numerics;

namespace MailTls.Core.Tls;

/// <summary>
/// Reads a ServerKeyExchange message (RFC 5246 section 7.4.3, RFC 8422 section 5.4) to learn the DHE
/// group size or ECDHE curve the server chose. The signature is measured, not verified: the probe
/// stops here.
/// </summary>
public static class ServerKeyExchangeReader
{
    private const byte CurveTypeNamedCurve = 3;

    /// <summary>
    /// Reads a ServerKeyExchange body for a suite with key exchange <paramref name="keyExchange"/>.
    /// <code>
    /// struct { opaque dh_p&lt;1..2^16-1&gt;; opaque dh_g&lt;1..2^16-1&gt;; opaque dh_Ys&lt;1..2^16-1&gt;; } ServerDHParams;
    /// struct { ECCurveType curve_type; NamedCurve namedcurve; opaque point&lt;1..2^8-1&gt;; } ServerECDHParams;
    /// struct { opaque rsa_modulus&lt;1..2^16-1&gt;; opaque rsa_exponent&lt;1..2^16-1&gt;; } ServerRSAParams;  /* export */
    /// struct {
    ///     select (KeyExchangeAlgorithm) { case dh_anon: ServerDHParams params;
    ///         case dhe_dss, dhe_rsa, ec_diffie_hellman, rsa (export): ServerXXXParams params; digitally-signed struct {...} signed_params; };
    /// } ServerKeyExchange;
    /// digitally-signed = [SignatureAndHashAlgorithm algorithm (TLS 1.2 only)] opaque signature&lt;0..2^16-1&gt;;
    /// </code>
    /// </summary>
    /// <param name="message">The handshake message; its type must be server_key_exchange.</param>
    /// <param name="keyExchange">The chosen suite's key exchange (from <see cref="CipherSuiteRegistry"/>).</param>
    /// <param name="anonymous">True for DH_anon/ECDH_anon suites, which send no signature.</param>
    /// <param name="version">The negotiated version; TLS 1.2 adds the signature algorithm.</param>
    /// <param name="info">The parameters when done.</param>
    /// <param name="errorOffset">Offset in the body of the first bad byte when invalid.</param>
    /// <param name="error">Why the message is invalid.</param>
    public static ParseStatus TryRead(TlsHandshakeMessage message, KeyExchangeAlgorithm keyExchange, bool anonymous, TlsProtocolVersion version, out ServerKeyExchangeInfo? info, out int errorOffset, out TlsParseError error)
    {
        info = null;
        errorOffset = 0;
        error = TlsParseError.None;
        if (message.Type != TlsHandshakeType.ServerKeyExchange)
        {
            error = TlsParseError.UnexpectedHandshakeType;
            return ParseStatus.Invalid;
        }

        var reader = new TlsReader(message.Body);
        TlsNamedGroup? group = null;
        ReadOnlySpan<byte> ecPoint = default;
        int primeBits;
        int publicLength;
        switch (keyExchange)
        {
            case KeyExchangeAlgorithm.Dhe:
                if (!reader.TryReadVector16(out var p) || !reader.TryReadVector16(out var g) || !reader.TryReadVector16(out var ys))
                {
                    return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
                }

                if (p.IsEmpty || g.IsEmpty || ys.IsEmpty)
                {
                    return Fail(0, TlsParseError.BadVectorLength, out errorOffset, out error);
                }

                primeBits = BitLength(p);
                publicLength = ys.Length;
                break;

            case KeyExchangeAlgorithm.Ecdhe:
                if (!reader.TryReadUInt8(out var curveType))
                {
                    return Fail(0, TlsParseError.Truncated, out errorOffset, out error);
                }

                // RFC 8422 section 5.4: explicit curves are deprecated; only named_curve is read.
                if (curveType != CurveTypeNamedCurve)
                {
                    return Fail(0, TlsParseError.UnsupportedKeyExchange, out errorOffset, out error);
                }

                if (!reader.TryReadUInt16(out var curve) || !reader.TryReadVector8(out var point))
                {
                    return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
                }

                if (point.IsEmpty)
                {
                    return Fail(3, TlsParseError.BadVectorLength, out errorOffset, out error);
                }

                group = (TlsNamedGroup)curve;
                ecPoint = point;
                primeBits = 0;
                publicLength = point.Length;
                break;

            case KeyExchangeAlgorithm.Rsa:
                if (!reader.TryReadVector16(out var modulus) || !reader.TryReadVector16(out var exponent))
                {
                    return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
                }

                if (modulus.IsEmpty || exponent.IsEmpty)
                {
                    return Fail(0, TlsParseError.BadVectorLength, out errorOffset, out error);
                }

                primeBits = BitLength(modulus);
                publicLength = modulus.Length;
                break;

            default:
                return Fail(0, TlsParseError.UnsupportedKeyExchange, out errorOffset, out error);
        }

        TlsSignatureScheme? scheme = null;
        var signatureLength = 0;
        if (!anonymous)
        {
            if (version >= TlsProtocolVersion.Tls12)
            {
                if (!reader.TryReadUInt16(out var algorithm))
                {
                    return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
                }

                scheme = (TlsSignatureScheme)algorithm;
            }

            if (!reader.TryReadVector16(out var signature))
            {
                return Fail(reader.Consumed, TlsParseError.Truncated, out errorOffset, out error);
            }

            signatureLength = signature.Length;
        }

        if (!reader.End)
        {
            return Fail(reader.Consumed, TlsParseError.TrailingData, out errorOffset, out error);
        }

        info = new ServerKeyExchangeInfo(keyExchange, group, primeBits, publicLength, scheme, signatureLength) { EcPoint = [.. ecPoint] };
        return ParseStatus.Done;
    }

    /// <summary>
    /// Reads a ServerHelloDone, which must have an empty body (<c>struct { } ServerHelloDone;</c>).
    /// </summary>
    public static ParseStatus TryReadServerHelloDone(TlsHandshakeMessage message, out TlsParseError error)
    {
        if (message.Type != TlsHandshakeType.ServerHelloDone)
        {
            error = TlsParseError.UnexpectedHandshakeType;
            return ParseStatus.Invalid;
        }

        error = message.Body.IsEmpty ? TlsParseError.None : TlsParseError.BadValue;
        return message.Body.IsEmpty ? ParseStatus.Done : ParseStatus.Invalid;
    }

    private static int BitLength(ReadOnlySpan<byte> bigEndian)
    {
        // Leading zero bytes and bits do not count toward the group size.
        var trimmed = bigEndian.TrimStart((byte)0);
        return trimmed.IsEmpty ? 0 : ((trimmed.Length - 1) * 8) + (32 - BitOperations.LeadingZeroCount((uint)trimmed[0]));
    }

    private static ParseStatus Fail(int offset, TlsParseError reason, out int errorOffset, out TlsParseError error)
    {
        errorOffset = offset;
        error = reason;
        return ParseStatus.Invalid;
    }
}
