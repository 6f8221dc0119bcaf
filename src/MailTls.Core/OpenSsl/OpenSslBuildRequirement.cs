namespace MailTls.Core.OpenSsl;

/// <summary>A compile-time switch a suite depends on, beyond the era's default build.</summary>
public enum OpenSslBuildRequirement
{
    /// <summary>Present in a default build of the era.</summary>
    None = 0,
    /// <summary>
    /// Compiled only with <c>enable-weak-ssl-ciphers</c> (guarded by <c>OPENSSL_NO_WEAK_SSL_CIPHERS</c>):
    /// export and single-DES suites from 1.0.2g, RC4 and 3DES from 1.1.0.
    /// </summary>
    WeakCiphers = 1,
}
