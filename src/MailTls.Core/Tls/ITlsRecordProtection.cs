namespace MailTls.Core.Tls;

/// <summary>The AEAD protection of one direction of a connection, with its own sequence number (TLS 1.2 <see cref="Tls12RecordProtection"/>, TLS 1.3 <see cref="Tls13RecordProtection"/>).</summary>
public interface ITlsRecordProtection : IDisposable
{
    /// <summary>Encrypts <paramref name="plaintext"/> of <paramref name="type"/> into one complete record, header included.</summary>
    byte[] Seal(TlsContentType type, ReadOnlySpan<byte> plaintext);

    /// <summary>Decrypts one record; false when it does not authenticate or is malformed. Never throws on peer data.</summary>
    /// <param name="header">The 5-byte record header.</param>
    /// <param name="encrypted">The record's fragment.</param>
    /// <param name="type">The real content type.</param>
    /// <param name="content">The plaintext content.</param>
    bool TryDecrypt(ReadOnlySpan<byte> header, ReadOnlySpan<byte> encrypted, out TlsContentType type, out byte[] content);
}
