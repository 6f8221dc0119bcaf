namespace MailTls.Core.Postfix.Outbound;

/// <summary>smtp(8) TLS security levels, in Postfix's internal order (src/tls/tls.h).</summary>
public enum OutboundLevel
{
    /// <summary>No TLS.</summary>
    None,

    /// <summary>Opportunistic TLS; plaintext when not offered.</summary>
    May,

    /// <summary>Mandatory encryption, no certificate check.</summary>
    Encrypt,

    /// <summary>Certificate or public-key fingerprint check.</summary>
    Fingerprint,

    /// <summary>Opportunistic DANE.</summary>
    Dane,

    /// <summary>Mandatory DANE.</summary>
    DaneOnly,

    /// <summary>CA chain and names; the MX lookup is trusted.</summary>
    Verify,

    /// <summary>CA chain and names; the MX lookup is not trusted.</summary>
    Secure,
}
