namespace MailTls.Core.Evidence;

/// <summary>Classes of operational failure, each with its own advice.</summary>
public enum FailureReason
{
    /// <summary>A file, directory or program does not exist.</summary>
    NotFound,

    /// <summary>The operating system refused access (permissions).</summary>
    PermissionDenied,

    /// <summary>A deadline passed before the step finished.</summary>
    Timeout,

    /// <summary>The peer refused the connection.</summary>
    Refused,

    /// <summary>No route to the peer, or the name does not resolve.</summary>
    Unreachable,

    /// <summary>The data read could not be understood (truncated, binary, over a limit).</summary>
    InvalidData,

    /// <summary>A server answered with an error (SMTP 4xx/5xx, DNS SERVFAIL).</summary>
    ServerError,

    /// <summary>A local program used as a source (postconf, journalctl) failed.</summary>
    ToolFailed,
}
