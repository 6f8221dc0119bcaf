namespace MailTls.Core.Dns;

/// <summary>
/// The TLSA selector field (RFC 6698 section 2.1.2; RFC 7218 section 2.2 mnemonics): which part
/// of a certificate the association data describes.
/// </summary>
public enum TlsaSelector : byte
{
    /// <summary><c>Cert(0)</c>: the whole DER certificate. Changes with every renewal.</summary>
    Cert = 0,

    /// <summary><c>SPKI(1)</c>: the DER SubjectPublicKeyInfo. Survives a renewal that keeps the key.</summary>
    Spki = 1,
}
