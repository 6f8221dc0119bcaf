namespace MailTls.Core.MtaSts;

/// <summary>How fetching a policy over HTTPS ended, by the rules of RFC 8461 section 3.3.</summary>
public enum MtaStsFetchOutcome
{
    /// <summary>HTTP 200, <c>text/plain</c>, within the size limit: the body is the policy.</summary>
    Fetched,

    /// <summary><c>mta-sts.DOMAIN</c> has no A or AAAA record, or the lookup failed.</summary>
    NameNotResolved,

    /// <summary>No TCP connection to port 443 of any address.</summary>
    ConnectFailed,

    /// <summary>The certificate is not valid for <c>mta-sts.DOMAIN</c> (name, chain, dates): senders must not use the policy.</summary>
    CertificateInvalid,

    /// <summary>The TLS handshake failed for another reason (no shared protocol or cipher, reset).</summary>
    TlsFailed,

    /// <summary>The server did not speak HTTP, or closed the connection mid-response.</summary>
    ProtocolError,

    /// <summary>A 3xx answer; RFC 8461 section 3.3 forbids following redirects.</summary>
    Redirect,

    /// <summary>Any status other than 200 (and 3xx).</summary>
    HttpStatus,

    /// <summary>The media type is not <c>text/plain</c>, which RFC 8461 section 3.2 requires.</summary>
    WrongContentType,

    /// <summary>The body is larger than <see cref="MtaStsPolicy.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>A phase (connect, handshake and headers, body) did not finish within the timeout.</summary>
    Timeout,
}
