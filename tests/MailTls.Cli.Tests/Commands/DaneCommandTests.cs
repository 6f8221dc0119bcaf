using MailTls.Tests;
using Xunit;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Dns;

namespace MailTls.Cli.Tests.Commands;

public sealed class DaneCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mailtls-dane-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Dane_OfflineWithChain_PrintsBothRecordsInZoneSyntax()
    {
        // Given a leaf and its issuer as PEM files
        var (leaf, issuer) = WriteChain(out var leafPath, out var chainPath);

        // When the records to publish are asked for without the network
        var run = await CliRun.RunAsync("dane", "--cert", leafPath, "--chain", chainPath, "--host", "mx.example.com", "--offline", "--no-color");

        // Then 3 1 1 for the leaf key and 2 1 1 for the issuer key are printed, each on one line, and the run is clean
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(TlsaCalculator.Compute(leaf).ToZoneLine("_25._tcp.mx.example.com."), lines);
        Assert.Contains(TlsaCalculator.Compute(issuer, TlsaCertificateUsage.DaneTa).ToZoneLine("_25._tcp.mx.example.com."), lines);
        Assert.Contains("--offline", run.Terminal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dane_FullChainInCertFileAndPort_UsesPortInOwnerName()
    {
        // Given a fullchain.pem (leaf then issuer in one file)
        var (leaf, issuer) = WriteChain(out var leafPath, out var chainPath);
        var full = Path.Combine(directory, "fullchain.pem");
        File.WriteAllText(full, File.ReadAllText(leafPath) + File.ReadAllText(chainPath));

        // When it is given alone with another port
        var run = await CliRun.RunAsync("dane", "--cert", full, "--host", "mx.example.com.", "--port", "465", "--offline");

        // Then both records are computed for _465._tcp
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(TlsaCalculator.Compute(issuer, TlsaCertificateUsage.DaneTa).ToZoneLine("_465._tcp.mx.example.com."), run.Stdout, StringComparison.Ordinal);
        Assert.Contains(TlsaCalculator.Compute(leaf).ToZoneLine("_465._tcp.mx.example.com."), run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.pem", "not", 2)]
    [InlineData("garbage.pem", "not a PEM or DER certificate", 2)]
    [InlineData("glued.pem", "no readable PEM certificate", 2)]
    public async Task Dane_BadCertFile_UsageErrorNamingFile(string name, string reason, int exitCode)
    {
        // Given a missing or unreadable certificate file
        var path = Path.Combine(directory, name);
        if (name == "garbage.pem")
        {
            File.WriteAllText(path, "this is not a certificate");
        }
        else if (name == "glued.pem")
        {
            File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE----------BEGIN CERTIFICATE-----\n");
        }

        // When dane is run on it
        var run = await CliRun.RunAsync("dane", "--cert", path, "--host", "mx.example.com", "--offline");

        // Then one line names the file and the problem, without a stack trace
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(path, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "0")]
    [InlineData("--port", "70000")]
    public async Task Dane_BadPort_UsageError(string option, string value)
    {
        // Given an impossible port
        WriteChain(out var leafPath, out _);

        // When dane is run
        var run = await CliRun.RunAsync("dane", "--cert", leafPath, "--host", "mx.example.com", option, value, "--offline");

        // Then it is a usage error
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--port", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dane_MissingHost_UsageError()
    {
        // Given no --host
        WriteChain(out var leafPath, out _);

        // When dane is run
        var run = await CliRun.RunAsync("dane", "--cert", leafPath, "--offline");

        // Then it is a usage error that names the option
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--host", run.Stderr, StringComparison.Ordinal);
    }

    private (X509Certificate2 Leaf, X509Certificate2 Issuer) WriteChain(out string leafPath, out string chainPath)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=CLI test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = new CertificateRequest("CN=mx.example.com", key, HashAlgorithmName.SHA256)
            .Create(ca, now.AddDays(-1), now.AddDays(10), RandomNumberGenerator.GetBytes(8));
        leafPath = Path.Combine(directory, "cert.pem");
        chainPath = Path.Combine(directory, "chain.pem");
        File.WriteAllText(leafPath, leaf.ExportCertificatePem() + "\n");
        File.WriteAllText(chainPath, ca.ExportCertificatePem() + "\n");
        return (X509CertificateLoader.LoadCertificate(leaf.RawData), X509CertificateLoader.LoadCertificate(ca.RawData));
    }
}
