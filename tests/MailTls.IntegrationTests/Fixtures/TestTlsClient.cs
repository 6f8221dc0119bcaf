using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace MailTls.IntegrationTests.Fixtures;

/// TLS client settings that trust exactly one test root (no system store) and check the name
/// the way a verifying MTA would. Validation errors are kept for assertions.
internal sealed class TestTlsClient
{
    private readonly Lock _gate = new();
    private readonly List<string> _errors = [];

    public TestTlsClient(X509Certificate2 trustAnchor, string targetHost)
    {
        ArgumentNullException.ThrowIfNull(trustAnchor);
        TrustAnchor = trustAnchor;
        TargetHost = targetHost;
    }

    public X509Certificate2 TrustAnchor { get; }

    public string TargetHost { get; }

    /// Restrict the client's protocols; None lets the platform choose (TLS 1.2 and 1.3).
    public SslProtocols EnabledProtocols { get; init; } = SslProtocols.None;

    /// Why validation failed, one entry per failed handshake ("RemoteCertificateChainErrors: UntrustedRoot").
    public IReadOnlyList<string> ValidationErrors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    public SslClientAuthenticationOptions CreateOptions()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(TrustAnchor);
        return new SslClientAuthenticationOptions
        {
            TargetHost = TargetHost,
            EnabledSslProtocols = EnabledProtocols,
            CertificateChainPolicy = policy,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = Validate,
        };
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()) ?? [];
        lock (_gate)
        {
            _errors.Add($"{errors}: {string.Join(", ", statuses)}");
        }

        return false;
    }
}
