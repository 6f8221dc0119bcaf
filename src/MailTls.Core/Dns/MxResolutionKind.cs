namespace MailTls.Core.Dns;

/// <summary>How the mail hosts of a domain were found (RFC 5321 section 5.1, RFC 7505).</summary>
public enum MxResolutionKind
{
    /// <summary>The domain has MX records naming mail hosts.</summary>
    Mx,

    /// <summary>The domain publishes a null MX (RFC 7505): it accepts no mail.</summary>
    NullMx,

    /// <summary>No MX records, but the domain has addresses: it is its own mail host (RFC 5321 section 5.1 "implicit MX").</summary>
    ImplicitMx,

    /// <summary>The domain does not exist, or has neither MX records nor addresses.</summary>
    NoMailHost,

    /// <summary>A lookup failed (SERVFAIL, bogus, timeout), so the hosts are unknown.</summary>
    Failed,
}
