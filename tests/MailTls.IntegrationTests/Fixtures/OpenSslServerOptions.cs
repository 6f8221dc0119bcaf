namespace MailTls.IntegrationTests.Fixtures;

/// What "openssl s_server" should serve. The certificate comes from a <see cref="TestLeaf"/>.
internal sealed class OpenSslServerOptions
{
    public OpenSslServerOptions(TestLeaf certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        CertificatePath = certificate.CertificatePemPath;
        KeyPath = certificate.KeyPemPath;
        ChainPath = certificate.Intermediates.Count > 0 ? certificate.IntermediatesPemPath : null;
    }

    /// -cert: the leaf only.
    public string CertificatePath { get; init; }

    /// -key: PEM private key.
    public string KeyPath { get; init; }

    /// -cert_chain: intermediates only (a leaf in this file would be sent twice); null for none.
    public string? ChainPath { get; init; }

    /// Protocol switches passed as given, e.g. "-tls1_2", "-no_tls1_3".
    public IList<string> ProtocolOptions { get; } = [];

    /// -cipher: OpenSSL cipher string for TLS 1.2 and below.
    public string? Cipher { get; init; }

    /// -ciphersuites: TLS 1.3 suites.
    public string? CipherSuites { get; init; }

    /// Anything else, appended last.
    public IList<string> ExtraArguments { get; } = [];

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
