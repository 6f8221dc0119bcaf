using System.Security.Cryptography.X509Certificates;

namespace MailTls.IntegrationTests.Fixtures;

/// A leaf certificate with its private key and its PEM files, as servers under test load them.
internal sealed class TestLeaf : IDisposable
{
    public TestLeaf(
        X509Certificate2 certificate,
        IReadOnlyList<X509Certificate2> intermediates,
        string certificatePemPath,
        string keyPemPath,
        string intermediatesPemPath,
        string chainPemPath,
        string fullChainPemPath,
        string rootPemPath)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        CertificatePemPath = certificatePemPath;
        KeyPemPath = keyPemPath;
        IntermediatesPemPath = intermediatesPemPath;
        ChainPemPath = chainPemPath;
        FullChainPemPath = fullChainPemPath;
        RootPemPath = rootPemPath;
    }

    /// The leaf, with its private key.
    public X509Certificate2 Certificate { get; }

    /// Issuing CAs between the leaf and the root, nearest first; empty for self-signed leaves.
    public IReadOnlyList<X509Certificate2> Intermediates { get; }

    public string CertificatePemPath { get; }

    /// Unencrypted PKCS#8 ("BEGIN PRIVATE KEY"), readable by Postfix and OpenSSL.
    public string KeyPemPath { get; }

    /// Intermediates only (for openssl s_server -cert_chain); empty file for self-signed leaves.
    public string IntermediatesPemPath { get; }

    /// Leaf then intermediates: what a server sends (Postfix smtpd_tls_cert_file).
    public string ChainPemPath { get; }

    /// Leaf, intermediates and root.
    public string FullChainPemPath { get; }

    /// The trust anchor: the CA root, or the leaf itself when self-signed.
    public string RootPemPath { get; }

    public void Dispose()
    {
        Certificate.Dispose();
    }
}
