using System.Net;
using System.Security.Cryptography.X509Certificates;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests;

public sealed class TestCaTests : IDisposable
{
    private static readonly TimeSpan OpenSslTimeout = TimeSpan.FromSeconds(20);
    private readonly TestCa _ca = TestCa.Create();

    public void Dispose() => _ca.Dispose();

    [Theory]
    [InlineData(KeyAlgorithm.Rsa2048)]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    public void IssueLeaf_WithIntermediate_ChainBuildsToTestRoot(KeyAlgorithm key)
    {
        // Given
        var leaf = _ca.IssueLeaf(LeafSpec.ForLoopback("chain.mailtls.test", key));

        // When
        using var chain = BuildChain(leaf, DateTime.UtcNow);
        var built = chain.Build(leaf.Certificate);

        // Then
        Assert.True(built, string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
        Assert.Equal(3, chain.ChainElements.Count);
        Assert.Equal(_ca.Intermediate.Thumbprint, chain.ChainElements[1].Certificate.Thumbprint);
        Assert.Equal(_ca.Root.Thumbprint, chain.ChainElements[2].Certificate.Thumbprint);
        Assert.True(leaf.Certificate.HasPrivateKey);
    }

    [Fact]
    public void IssueLeaf_Expired_ChainValidationReportsNotTimeValid()
    {
        // Given
        var now = DateTimeOffset.UtcNow;
        var leaf = _ca.IssueLeaf(new LeafSpec("expired.mailtls.test")
        {
            DnsNames = ["expired.mailtls.test"],
            NotBefore = now.AddDays(-30),
            NotAfter = now.AddDays(-1),
        });

        // When
        using var chain = BuildChain(leaf, DateTime.UtcNow);
        var built = chain.Build(leaf.Certificate);

        // Then
        Assert.False(built);
        Assert.Contains(chain.ChainStatus, s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid));
    }

    [Fact]
    public void IssueLeaf_NotYetValid_ChainValidationReportsNotTimeValid()
    {
        // Given
        var now = DateTimeOffset.UtcNow;
        var leaf = _ca.IssueLeaf(new LeafSpec("future.mailtls.test") { NotBefore = now.AddDays(1), NotAfter = now.AddDays(10) });

        // When
        using var chain = BuildChain(leaf, DateTime.UtcNow);
        var built = chain.Build(leaf.Certificate);

        // Then
        Assert.False(built);
        Assert.Contains(chain.ChainStatus, s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Rsa2048, "rsaEncryption")]
    [InlineData(KeyAlgorithm.EcdsaP256, "prime256v1")]
    public async Task IssueLeaf_OpenSslOracle_VerifiesChainAndShowsNames(KeyAlgorithm key, string expectedKeyText)
    {
        // Given
        var leaf = _ca.IssueLeaf(new LeafSpec("oracle.mailtls.test")
        {
            DnsNames = ["oracle.mailtls.test", "*.oracle.mailtls.test"],
            IpAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback],
            Key = key,
        });

        // When
        var verify = await OpenSslAsync("verify", "-CAfile", _ca.RootPemPath, "-untrusted", _ca.IntermediatePemPath, leaf.CertificatePemPath);
        var names = await OpenSslAsync("x509", "-noout", "-subject", "-ext", "subjectAltName", "-in", leaf.CertificatePemPath);
        var privateKey = await OpenSslAsync("pkey", "-in", leaf.KeyPemPath, "-noout", "-text");
        var keyMatchesCert = await OpenSslAsync("x509", "-noout", "-pubkey", "-in", leaf.CertificatePemPath);
        var keyPublic = await OpenSslAsync("pkey", "-in", leaf.KeyPemPath, "-pubout");

        // Then
        Assert.True(verify.Succeeded, verify.Describe());
        Assert.Equal($"{leaf.CertificatePemPath}: OK", verify.StandardOutput.Trim());
        Assert.True(names.Succeeded, names.Describe());
        Assert.Contains("subject=CN = oracle.mailtls.test", names.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(
            "DNS:oracle.mailtls.test, DNS:*.oracle.mailtls.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1",
            names.StandardOutput,
            StringComparison.Ordinal);
        Assert.True(privateKey.Succeeded, privateKey.Describe());
        Assert.Contains(expectedKeyText, await CertificateTextAsync(leaf), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(leaf.KeyPemPath), StringComparison.Ordinal);
        Assert.Equal(keyMatchesCert.StandardOutput, keyPublic.StandardOutput);
    }

    [Fact]
    public async Task IssueLeaf_ExpiredOpenSslOracle_RejectsAsExpired()
    {
        // Given
        var now = DateTimeOffset.UtcNow;
        var leaf = _ca.IssueLeaf(new LeafSpec("expired.mailtls.test") { NotBefore = now.AddDays(-10), NotAfter = now.AddDays(-2) });

        // When
        var verify = await OpenSslAsync("verify", "-CAfile", _ca.RootPemPath, "-untrusted", _ca.IntermediatePemPath, leaf.CertificatePemPath);

        // Then
        Assert.False(verify.Succeeded, verify.Describe());
        Assert.Contains("certificate has expired", verify.StandardOutput + verify.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSelfSigned_OpenSslOracle_VerifiesOnlyAgainstItself()
    {
        // Given
        var leaf = _ca.CreateSelfSigned(new LeafSpec("self.mailtls.test") { DnsNames = ["self.mailtls.test"], Key = KeyAlgorithm.EcdsaP256 });

        // When
        var againstItself = await OpenSslAsync("verify", "-CAfile", leaf.RootPemPath, leaf.CertificatePemPath);
        var againstTestRoot = await OpenSslAsync("verify", "-CAfile", _ca.RootPemPath, leaf.CertificatePemPath);

        // Then
        Assert.Equal(leaf.CertificatePemPath, leaf.RootPemPath);
        Assert.Empty(leaf.Intermediates);
        Assert.True(againstItself.Succeeded, againstItself.Describe());
        Assert.False(againstTestRoot.Succeeded, againstTestRoot.Describe());
    }

    [Fact]
    public void IssueLeaf_PemFiles_HoldLeafChainAndRootInOrder()
    {
        // Given
        var leaf = _ca.IssueLeaf(LeafSpec.ForLoopback("files.mailtls.test"));

        // When
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(leaf.ChainPemPath);
        var fullChain = new X509Certificate2Collection();
        fullChain.ImportFromPemFile(leaf.FullChainPemPath);
        var intermediates = new X509Certificate2Collection();
        intermediates.ImportFromPemFile(leaf.IntermediatesPemPath);

        // Then
        Assert.Equal([leaf.Certificate.Thumbprint, _ca.Intermediate.Thumbprint], chain.Select(c => c.Thumbprint));
        Assert.Equal([leaf.Certificate.Thumbprint, _ca.Intermediate.Thumbprint, _ca.Root.Thumbprint], fullChain.Select(c => c.Thumbprint));
        Assert.Equal([_ca.Intermediate.Thumbprint], intermediates.Select(c => c.Thumbprint));
        Assert.Equal(_ca.RootPemPath, leaf.RootPemPath);
    }

    private X509Chain BuildChain(TestLeaf leaf, DateTime verificationTime)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca.Root);
        chain.ChainPolicy.ExtraStore.AddRange(leaf.Intermediates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = verificationTime;
        return chain;
    }

    private static async Task<string> CertificateTextAsync(TestLeaf leaf)
    {
        var text = await OpenSslAsync("x509", "-noout", "-text", "-in", leaf.CertificatePemPath);
        return text.EnsureSuccess().StandardOutput;
    }

    private static Task<ProcessResult> OpenSslAsync(params string[] arguments)
    {
        return ProcessRunner.RunAsync(RequiredTool.OpenSsl, arguments, OpenSslTimeout);
    }
}
