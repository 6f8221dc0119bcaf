namespace MailTls.Core.OpenSsl;

/// <summary>
/// An OpenSSL generation whose cipher tables and cipher-string rules differ from the others.
/// Every release within an era evaluates cipher strings the same way for a default build.
/// </summary>
public enum OpenSslEra
{
    /// <summary>OpenSSL 1.0.1 and 1.0.2 (tables from 1.0.2s): export/DES/RC4/static-DH suites, no <c>@SECLEVEL</c>.</summary>
    V102 = 102,
    /// <summary>OpenSSL 1.1.0 and 1.1.1 (tables from 1.1.1w): AEAD/PFS-first ordering, TLS 1.3 outside the string.</summary>
    V111 = 111,
    /// <summary>OpenSSL 3.x (tables from 3.0.8): as 1.1.1, with IDEA/SEED/RC4 only through the legacy provider.</summary>
    V30 = 300,
}
