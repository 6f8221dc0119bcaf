namespace MailTls.Core.Probe;

/// <summary>Whether a verifier holding the trust anchors used builds a valid chain from what the server sent.</summary>
public enum ChainTrust
{
    /// <summary>Not evaluated.</summary>
    Unknown,

    /// <summary>A chain to a trusted root was built and every certificate is valid now.</summary>
    Trusted,

    /// <summary>No valid chain to a trusted root (untrusted root, missing intermediate, expired, bad signature).</summary>
    Untrusted,
}
