using System.Security.Cryptography;
using MailTls.Core.Certificates;
using Xunit;

namespace MailTls.Core.Tests.Certificates;

public sealed class CertificateFileAnalyzerTests(ExampleChain chain) : IClassFixture<ExampleChain>
{
    private readonly TestChain _chain = chain;

    [Fact]
    public void Analyze_LeafThenIntermediate_IsClean()
    {
        // Given a correct chain file and its key, with the root trusted
        var report = Analyze(TestChain.Pem(_chain.Leaf, _chain.Intermediate), _chain.LeafKeyPem(), trustRoot: true);

        // Then nothing is wrong
        Assert.Empty(report.Problems);
        Assert.Null(report.OrderProblem);
        Assert.Null(report.IncludedRoot);
        Assert.Null(report.MissingIssuer);
        Assert.True(report.KeyMatches);
        Assert.Equal(2, report.Chain.Count);
        Assert.Equal(1, report.Leaf!.Location.Line);
    }

    [Fact]
    public void Analyze_IntermediateFirst_ReportsOrderProblem()
    {
        // Given the intermediate before the leaf
        var report = Analyze(TestChain.Pem(_chain.Intermediate, _chain.Leaf), _chain.LeafKeyPem(), trustRoot: true);

        // Then the order is wrong because a CA is served as the server's certificate, and the key does not fit it
        Assert.Contains("is a CA certificate", report.OrderProblem, StringComparison.Ordinal);
        Assert.False(report.KeyMatches);
    }

    [Fact]
    public void Analyze_RootIncluded_ReportsRootAtItsLine()
    {
        // Given leaf, intermediate and root
        var pem = TestChain.Pem(_chain.Leaf, _chain.Intermediate, _chain.Root);
        var report = Analyze(pem, _chain.LeafKeyPem(), trustRoot: true);

        // Then the root is reported where it stands
        Assert.NotNull(report.IncludedRoot);
        var rootLine = pem.Split('\n').Select((l, i) => (l, i)).Where(x => x.l.StartsWith("-----BEGIN", StringComparison.Ordinal)).ElementAt(2).i + 1;
        Assert.Equal(rootLine, report.IncludedRoot.Location.Line);
        Assert.Null(report.OrderProblem);
    }

    [Fact]
    public void Analyze_LeafAlone_ReportsMissingIntermediate()
    {
        // Given only the leaf, with only the root trusted
        var report = Analyze(TestChain.Pem(_chain.Leaf), _chain.LeafKeyPem(), trustRoot: true);

        // Then the intermediate's name is reported missing
        Assert.Equal(_chain.Intermediate.Subject, report.MissingIssuer);
    }

    [Fact]
    public void Analyze_LeafAloneWithCaFile_CompletedFromVerifyStoreRootIncluded()
    {
        // Given only the leaf in the certificate file, and intermediate plus root in smtpd_tls_CAfile (scenario 1's layout)
        var (blocks, _) = PemFile.Parse(TestChain.Pem(_chain.Leaf), "/etc/postfix/cert.pem");
        var (store, _) = PemFile.Parse(TestChain.Pem(_chain.Root, _chain.Intermediate), "/etc/postfix/ca-bundle.pem");

        // When analyzed as OpenSSL's auto-chain would serve it
        var report = CertificateFileAnalyzer.Analyze(blocks, [], [], store);

        // Then the served chain is leaf, intermediate, root, and the root comes from the CA file
        Assert.Equal(3, report.Chain.Count);
        Assert.Equal("/etc/postfix/ca-bundle.pem", report.IncludedRoot!.Location.Path);
        Assert.Null(report.OrderProblem);
    }

    [Fact]
    public void Analyze_OtherKey_IsMismatch()
    {
        // Given a key that belongs to another certificate
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var report = Analyze(TestChain.Pem(_chain.Leaf, _chain.Intermediate), other.ExportPkcs8PrivateKeyPem(), trustRoot: true);

        // Then the mismatch is found
        Assert.False(report.KeyMatches);
    }

    [Fact]
    public void Analyze_KeyInChainFileFirst_AsChainFilesHaveIt()
    {
        // Given smtpd_tls_chain_files style: key first, then the chain, all in one file
        var report = Analyze(_chain.LeafKeyPem() + TestChain.Pem(_chain.Leaf, _chain.Intermediate), null, trustRoot: true);

        // Then the key is matched against the first certificate
        Assert.True(report.KeyMatches);
        Assert.Equal(2, report.Chain.Count);
    }

    [Fact]
    public void Analyze_EncryptedKey_ReportedNeverShown()
    {
        // Given a passphrase-protected key
        var encrypted = _chain.LeafKey.ExportEncryptedPkcs8PrivateKeyPem("secret".AsSpan(), new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        var report = Analyze(TestChain.Pem(_chain.Leaf, _chain.Intermediate), encrypted, trustRoot: true);

        // Then it is reported, and no key text appears anywhere in the problems
        var problem = Assert.Single(report.Problems);
        Assert.Contains("passphrase", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MII", problem.ToString(), StringComparison.Ordinal);
        Assert.Null(report.KeyMatches);
    }

    [Fact]
    public void Analyze_OnlyAKeyWhereCertificateExpected_ReportsNoCertificate()
    {
        // Given a private key file named as the certificate
        var report = Analyze(_chain.LeafKeyPem(), null, trustRoot: true);

        // Then there is no certificate to serve
        Assert.Null(report.Leaf);
        Assert.Contains(report.Problems, p => p.Message == "no certificate in the file");
    }

    [Fact]
    public void Analyze_DamagedCertificate_ReportedAtItsLine()
    {
        // Given a CERTIFICATE block whose DER is not a certificate
        var junk = "text before\n-----BEGIN CERTIFICATE-----\nAAECAwQF\n-----END CERTIFICATE-----\n";
        var report = Analyze(junk, null, trustRoot: true);

        // Then the block is reported with its line, nothing thrown
        var problem = Assert.Single(report.Problems, p => p.Message.Contains("cannot be decoded", StringComparison.Ordinal));
        Assert.Equal(2, problem.Location!.Line);
    }

    [Theory]
    [InlineData("mx.example.com", "mx.example.com", true)]
    [InlineData("MX.Example.COM.", "mx.example.com", true)]
    [InlineData("*.example.com", "mx.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.com", "example.com", false)]
    [InlineData("mx.example.com", "mx2.example.com", false)]
    [InlineData("*.messagingengine.com", "fastmail.fm", false)]
    public void Matches_Rfc6125_Wildcards(string pattern, string host, bool expected)
    {
        // Given / When / Then a wildcard covers exactly one left-most label
        Assert.Equal(expected, CertificateNames.Matches(pattern, host));
    }

    [Fact]
    public void Presented_SanPresent_ListsDnsNames()
    {
        // Given / When the leaf's names are read
        var names = CertificateNames.Presented(_chain.Leaf);

        // Then they are the SAN DNS names in order
        Assert.Equal(["mx.example.com", "mail.example.com"], names);
    }

    private CertificateFileReport Analyze(string certPem, string? keyPem, bool trustRoot)
    {
        var (blocks, _) = PemFile.Parse(certPem, "/etc/postfix/cert.pem");
        var keyBlocks = keyPem is null ? [] : PemFile.Parse(keyPem, "/etc/postfix/key.pem").Blocks;
        return CertificateFileAnalyzer.Analyze(blocks, keyBlocks, trustRoot ? [_chain.Root] : []);
    }
}
