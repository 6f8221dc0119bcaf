using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.IntegrationTests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace MailTls.IntegrationTests.Probe;

/// TLS 1.3 encrypts the certificate, so the probe decrypts the flight itself, once per key type.
/// Against real Postfix instances with an RSA and an ECDSA certificate: both chains are read in
/// TLS 1.3, each is exactly what Postfix was configured with, and each leaf is the one OpenSSL's
/// own client gets when it offers only that key type's signature algorithms.
public sealed partial class Tls13ChainTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [GeneratedRegex("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----")]
    private static partial Regex PemCertificate();

    private static TlsProbeEngine Engine(TestCa ca) => new(new TlsProbeOptions
    {
        EhloName = "probe.mailtls.test",
        ConnectTimeout = Deadline,
        ReplyTimeout = Deadline,
        HandshakeTimeout = Deadline,
        TrustAnchors = [ca.Root],
        SimulateSenders = false,
    });

    private async Task<TlsProbeResult> ProbeAsync(TestCa ca, PostfixInstance postfix)
    {
        var result = await Engine(ca).ProbeAsync(new ProbeEndpoint(postfix.Options.HostName, IPAddress.Loopback, postfix.Port, false));
        output.WriteLine($"counts {result.Counts}");
        foreach (var chain in result.Chains)
        {
            output.WriteLine($"{chain.KeyType} [{string.Join(", ", chain.Versions)}] {chain.Trust} from {chain.Source}: {chain.Certificates[0].Subject}");
        }

        foreach (var failure in result.Failures)
        {
            output.WriteLine($"failure: {failure.Message}");
        }

        return result;
    }

    /// <summary>The leaf openssl s_client receives in a TLS 1.3 handshake offering only <paramref name="sigalgs"/>.</summary>
    private static async Task<X509Certificate2> OpenSslLeafAsync(int port, string sigalgs)
    {
        var run = await ProcessRunner.RunAsync(
            RequiredTool.OpenSsl,
            ["s_client", "-connect", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "-starttls", "smtp", "-tls1_3", "-sigalgs", sigalgs],
            Deadline);
        var pem = PemCertificate().Match(run.StandardOutput);
        Assert.True(pem.Success, run.Describe());
        return X509Certificate2.CreateFromPem(pem.Value);
    }

    [Fact]
    public async Task ProbeAsync_Tls13OnlyDualCertificates_ReadsBothChainsAsConfiguredAndAsOpenSslGetsThem()
    {
        // Given: Postfix that speaks only TLS 1.3, with an RSA and an ECDSA certificate from the test CA
        await using var server = await DualCertificateServer.StartAsync(("smtpd_tls_protocols", ">=TLSv1.3"));
        var (ca, rsa, ecdsa, postfix) = (server.Ca, server.Rsa, server.Ecdsa, server.Postfix);

        // When: the probe runs, and openssl s_client connects once per key type
        var result = await ProbeAsync(ca, postfix);
        var openSslEcdsa = await OpenSslLeafAsync(postfix.Port, "ECDSA+SHA256");
        // (OpenSSL 3 spells rsa_pss_rsae_sha256 "RSA-PSS+SHA256" and rejects a list naming it twice.)
        var openSslRsa = await OpenSslLeafAsync(postfix.Port, "RSA-PSS+SHA256");

        // Then: TLS 1.3 only, and two TLS 1.3 chains, one per key type, both decrypted by mailtls and trusted
        Assert.Equal([TlsProtocolVersion.Tls13], result.AcceptedVersions);
        Assert.Equal(["ECDSA", "RSA"], result.Chains.Select(c => c.KeyType));
        Assert.All(result.Chains, c =>
        {
            Assert.Equal([TlsProtocolVersion.Tls13], c.Versions);
            Assert.Contains("decrypted", c.Source, StringComparison.Ordinal);
            Assert.Equal(ChainTrust.Trusted, c.Trust);
        });
        var ecdsaChain = result.Chains.Single(c => c.KeyType == "ECDSA");
        var rsaChain = result.Chains.Single(c => c.KeyType == "RSA");

        // Each decrypted chain is the configured one, certificate by certificate ...
        Assert.Equal([ecdsa.Certificate.RawData, .. ecdsa.Intermediates.Select(c => c.RawData)], ecdsaChain.Certificates.Select(c => c.RawData));
        Assert.Equal([rsa.Certificate.RawData, .. rsa.Intermediates.Select(c => c.RawData)], rsaChain.Certificates.Select(c => c.RawData));

        // ... and each leaf is the one OpenSSL's client gets with that key type's signature algorithms.
        Assert.Equal(openSslEcdsa.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), ecdsaChain.Certificates[0].GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.Equal(openSslRsa.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), rsaChain.Certificates[0].GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.DoesNotContain(result.Failures, f => f.Message.Contains("TLS 1.3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProbeAsync_Tls13OnlyServerWithP384Only_AnswersHelloRetryRequestAndReadsTheChain()
    {
        // Given: TLS 1.3 only, and only secp384r1 for key exchange: the P-256 key share gets a HelloRetryRequest
        await using var server = await DualCertificateServer.StartAsync(("smtpd_tls_protocols", ">=TLSv1.3"), ("tls_eecdh_auto_curves", "secp384r1"));
        var (ca, rsa, ecdsa, postfix) = (server.Ca, server.Rsa, server.Ecdsa, server.Postfix);

        // When
        var result = await ProbeAsync(ca, postfix);

        // Then: both chains, read after the second ClientHello
        Assert.Equal([TlsNamedGroup.Secp384r1], result.Groups);
        Assert.Equal(
            [ecdsa.Certificate.RawData, rsa.Certificate.RawData],
            result.Chains.Where(c => c.Versions.Contains(TlsProtocolVersion.Tls13)).Select(c => c.Certificates[0].RawData));
    }

    [Fact]
    public async Task ProbeAsync_Tls13OnlyServerWithX25519Only_SaysWhyTheChainsWereNotReadAndKeepsOpenSslsChain()
    {
        // Given: TLS 1.3 only with X25519 alone, a group .NET cannot compute on Linux
        await using var server = await DualCertificateServer.StartAsync(("smtpd_tls_protocols", ">=TLSv1.3"), ("tls_eecdh_auto_curves", "X25519"));
        var (ca, rsa, ecdsa, postfix) = (server.Ca, server.Rsa, server.Ecdsa, server.Postfix);

        // When
        var result = await ProbeAsync(ca, postfix);

        // Then: TLS 1.3 is accepted, the report says why its chains per key type are missing, and the
        // one chain the OpenSSL handshake saw is still judged
        Assert.Equal([TlsProtocolVersion.Tls13], result.AcceptedVersions);
        Assert.Contains(result.Failures, f => f.Message.StartsWith("TLS 1.3 chains not read: the server refused both", StringComparison.Ordinal) && f.Message.Contains("X25519", StringComparison.Ordinal));
        var chain = Assert.Single(result.Chains);
        Assert.Contains("OpenSSL", chain.Source, StringComparison.Ordinal);
    }
}
