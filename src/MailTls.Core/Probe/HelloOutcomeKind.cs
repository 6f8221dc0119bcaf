namespace MailTls.Core.Probe;

/// <summary>How a server answered one ClientHello.</summary>
public enum HelloOutcomeKind
{
    /// <summary>A ServerHello (TLS 1.2 and older: with the rest of the flight up to ServerHelloDone).</summary>
    ServerHello,

    /// <summary>A TLS 1.3 HelloRetryRequest: the version and suite are accepted, another key share is wanted.</summary>
    HelloRetryRequest,

    /// <summary>A fatal alert (handshake_failure, protocol_version, inappropriate_fallback ...).</summary>
    Alert,

    /// <summary>The server closed the connection without a TLS answer (how many servers refuse a version).</summary>
    Closed,

    /// <summary>No complete answer within the deadline.</summary>
    Timeout,

    /// <summary>The answer is not TLS, or breaks a limit (record size, message size, bytes).</summary>
    Invalid,

    /// <summary>The hello was never sent: the SMTP conversation or the TCP connection failed first.</summary>
    NotSent,
}
