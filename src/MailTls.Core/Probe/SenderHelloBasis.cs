namespace MailTls.Core.Probe;

/// <summary>What a sender's simulated outcome rests on, so a report can say how sure it is.</summary>
public enum SenderHelloBasis
{
    /// <summary>The sender's captured ClientHello was replayed (fresh random and key shares, no SNI).</summary>
    Recorded,

    /// <summary>A ClientHello built from the sender's published facts was sent; some fields are assumed.</summary>
    Synthesised,

    /// <summary>Nothing was sent: no capture and no published suite list, so the outcome is unknown.</summary>
    Unknown,
}
