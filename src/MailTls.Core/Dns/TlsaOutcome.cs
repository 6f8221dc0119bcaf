namespace MailTls.Core.Dns;

/// <summary>What a DANE SMTP sender (RFC 7672 section 2.2) concludes from a TLSA RRset and a presented chain.</summary>
public enum TlsaOutcome
{
    /// <summary>At least one usable record matches: the server is authenticated.</summary>
    Match,

    /// <summary>
    /// Usable records exist and none matches. A DANE sender aborts the handshake (often with a
    /// <c>bad certificate</c> alert) and defers the mail.
    /// </summary>
    Mismatch,

    /// <summary>
    /// Every record is unusable (PKIX usages, unknown parameters, bad lengths). RFC 7672 section 2.2:
    /// the sender still requires TLS but does not authenticate the server.
    /// </summary>
    NoUsableRecords,
}
