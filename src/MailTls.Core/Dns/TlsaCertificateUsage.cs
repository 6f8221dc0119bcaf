namespace MailTls.Core.Dns;

/// <summary>
/// The TLSA certificate usage field (RFC 6698 section 2.1.1), with the RFC 7218 section 2.1
/// mnemonics. For SMTP, RFC 7672 section 3.1.3 makes the two PKIX usages unusable: a sender
/// treats records with them as if they were absent.
/// </summary>
public enum TlsaCertificateUsage : byte
{
    /// <summary><c>PKIX-TA(0)</c>: a CA constraint that also needs ordinary PKIX validation.</summary>
    PkixTa = 0,

    /// <summary><c>PKIX-EE(1)</c>: a service-certificate constraint that also needs PKIX validation.</summary>
    PkixEe = 1,

    /// <summary><c>DANE-TA(2)</c>: the record names a trust anchor in the presented chain (RFC 7672 section 3.1.2).</summary>
    DaneTa = 2,

    /// <summary><c>DANE-EE(3)</c>: the record names the server's own certificate or key (RFC 7672 section 3.1.1).</summary>
    DaneEe = 3,
}
