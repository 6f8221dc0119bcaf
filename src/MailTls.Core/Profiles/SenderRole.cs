namespace MailTls.Core.Profiles;

/// <summary>What a client profile stands for when simulating senders.</summary>
public enum SenderRole
{
    /// <summary>A real sending MTA (captured, or derived from its logs).</summary>
    Mta,

    /// <summary>A TLS library's default hello, standing in for MTAs built on it.</summary>
    LibraryProxy,

    /// <summary>A test tool (s_client, gnutls-cli, swaks, posttls-finger), not a sender.</summary>
    Tool,
}
