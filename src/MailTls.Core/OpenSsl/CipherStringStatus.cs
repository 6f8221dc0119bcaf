namespace MailTls.Core.OpenSsl;

/// <summary>Whether OpenSSL would accept the cipher string (<c>SSL_CTX_set_cipher_list</c> returning 1).</summary>
public enum CipherStringStatus
{
    /// <summary>Accepted; the list holds at least one TLS 1.2-or-below suite.</summary>
    Accepted,
    /// <summary>
    /// Rejected with "no cipher match": the rules left no TLS 1.2-or-below suite. OpenSSL keeps the
    /// previous list; Postfix treats this as a TLS setup failure.
    /// </summary>
    NoCipherMatch,
    /// <summary>
    /// Rejected with "invalid command": a character outside <c>[A-Za-z0-9.=-]</c> where a word was expected,
    /// an empty word after <c>+</c>, or an unknown <c>@</c> command.
    /// </summary>
    InvalidCommand,
}
