namespace MailTls.Core.MtaSts;

/// <summary>What a policy asks senders to do when an MX host fails its checks (RFC 8461 section 5).</summary>
public enum MtaStsMode
{
    /// <summary>No active policy: senders treat the domain as having none (used to withdraw a policy).</summary>
    None,

    /// <summary>Senders deliver anyway and only report failures through TLS-RPT (RFC 8460).</summary>
    Testing,

    /// <summary>Senders refuse to deliver to an MX host that fails MX matching or certificate validation.</summary>
    Enforce,
}
