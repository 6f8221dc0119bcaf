namespace MailTls.Core.Postfix;

/// <summary>How a simulated sender's handshake with an smtpd service ends.</summary>
public enum SenderOutcomeKind
{
    /// <summary>A protocol and suite both sides allow exist.</summary>
    Negotiated,

    /// <summary>No protocol version both sides allow ("unknown protocol", "unsupported protocol").</summary>
    ProtocolMismatch,

    /// <summary>Versions agree but no suite does ("no shared cipher").</summary>
    NoSharedCipher,

    /// <summary>None of the suites the sender is known to offer is usable; its full offer is unknown.</summary>
    NoKnownSharedCipher,

    /// <summary>The profile has no version facts to simulate with.</summary>
    Unknown,

    /// <summary>The service offers no working TLS at all (invalid lists, no cipher match).</summary>
    TlsUnavailable,
}
