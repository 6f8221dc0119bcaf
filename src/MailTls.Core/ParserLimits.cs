namespace MailTls.Core;

/// <summary>
/// Hard limits applied by the parsers to peer data, in one place so that a hostile server
/// cannot make a probe use unbounded memory or time. Going over a limit gives
/// <see cref="ParseStatus.Invalid"/> with a reason naming the limit.
/// </summary>
public sealed record ParserLimits
{
    /// <summary>The limits used when the caller does not choose others.</summary>
    public static ParserLimits Default { get; } = new();

    /// <summary>
    /// Largest TLS record fragment accepted: 2^14 + 2048 bytes, the TLSCiphertext bound of
    /// RFC 5246 section 6.2.3 (RFC 8446 section 5.2 allows only 2^14 + 256, so this is the looser).
    /// </summary>
    public int MaxRecordFragmentLength { get; init; } = (1 << 14) + 2048;

    /// <summary>Largest handshake message body accepted (a certificate chain is the biggest in practice).</summary>
    public int MaxHandshakeMessageLength { get; init; } = 256 * 1024;

    /// <summary>Most certificates read from one Certificate message.</summary>
    public int MaxCertificates { get; init; } = 16;

    /// <summary>Most bytes of certificates (all DER blobs together) read from one Certificate message.</summary>
    public int MaxCertificateChainBytes { get; init; } = 128 * 1024;

    /// <summary>Most extensions read from one ClientHello or ServerHello.</summary>
    public int MaxExtensions { get; init; } = 64;

    /// <summary>Longest SMTP reply line accepted, including CRLF (RFC 5321 section 4.5.3.1.5 requires 512 at least).</summary>
    public int MaxSmtpLineLength { get; init; } = 2048;

    /// <summary>Most lines in one multi-line SMTP reply.</summary>
    public int MaxSmtpReplyLines { get; init; } = 100;
}
