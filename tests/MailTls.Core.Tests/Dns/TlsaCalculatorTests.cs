using MailTls.Tests;
using Xunit;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Dns;

namespace MailTls.Core.Tests.Dns;

public sealed class TlsaCalculatorTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mailtls-tlsa-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compute_DaneEeSpkiSha256_EqualsOpenSslDigestOfPublicKey(bool rsa)
    {
        // Given a leaf certificate (ECDSA or RSA) written as PEM
        using var chain = DnsTestChain.Create(rsa: rsa);
        var pem = WritePem(chain.Leaf);

        // When the 3 1 1 record is computed
        var record = TlsaCalculator.Compute(chain.Leaf);

        // Then its data is the SHA-256 of the DER SubjectPublicKeyInfo as OpenSSL computes it
        var oracle = Oracle.Shell(
            $"openssl x509 -in {pem} -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r",
            directory);
        Assert.Equal(oracle.Split(' ')[0], record.AssociationDataHex);
    }

    [Theory]
    [InlineData(TlsaSelector.Cert, TlsaMatchingType.Sha256, "openssl x509 -in {0} -outform DER | openssl dgst -sha256 -r")]
    [InlineData(TlsaSelector.Cert, TlsaMatchingType.Sha512, "openssl x509 -in {0} -outform DER | openssl dgst -sha512 -r")]
    [InlineData(TlsaSelector.Spki, TlsaMatchingType.Sha512, "openssl x509 -in {0} -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha512 -r")]
    [InlineData(TlsaSelector.Cert, TlsaMatchingType.Full, "openssl x509 -in {0} -outform DER | od -An -v -tx1 | tr -d ' \\n'")]
    [InlineData(TlsaSelector.Spki, TlsaMatchingType.Full, "openssl x509 -in {0} -pubkey -noout | openssl pkey -pubin -outform DER | od -An -v -tx1 | tr -d ' \\n'")]
    public void Compute_EverySelectorAndMatchingType_EqualsOpenSsl(TlsaSelector selector, TlsaMatchingType matchingType, string script)
    {
        // Given a leaf certificate written as PEM
        using var chain = DnsTestChain.Create();
        var pem = WritePem(chain.Leaf);

        // When the record is computed with this selector and matching type
        var record = TlsaCalculator.Compute(chain.Leaf, TlsaCertificateUsage.DaneEe, selector, matchingType);

        // Then its data is what OpenSSL computes from the same file
        var oracle = Oracle.Shell(string.Format(CultureInfo.InvariantCulture, script, pem), directory);
        Assert.Equal(oracle.Split(' ')[0].Trim(), record.AssociationDataHex);
    }

    [Theory]
    [InlineData(3, 1, 1)]
    [InlineData(3, 0, 1)]
    [InlineData(2, 1, 2)]
    public void Compute_ZoneLine_EqualsHashSlingerTlsaCreate(int usage, int selector, int matchingType)
    {
        // Given a certificate written as PEM
        using var chain = DnsTestChain.Create();
        var pem = WritePem(chain.Leaf);

        // When the record is computed and rendered as a zone-file line
        var record = TlsaCalculator.Compute(chain.Leaf, (TlsaCertificateUsage)usage, (TlsaSelector)selector, (TlsaMatchingType)matchingType);
        var line = record.ToZoneLine(TlsaRecord.OwnerName("mx.example.com", 25));

        // Then hash-slinger's 'tlsa --create' writes the same line for the same file
        var oracle = Oracle.Shell(
            string.Create(CultureInfo.InvariantCulture, $"tlsa --create --certificate {pem} --usage {usage} --selector {selector} --mtype {matchingType} --port 25 --output rfc mx.example.com | grep ' IN TLSA '"),
            directory);
        Assert.Equal(oracle.Trim(), line);
    }

    [Fact]
    public void RecordsToPublish_LeafAndIssuer_Returns311For_LeafAnd211ForIssuer()
    {
        // Given a chain with an issuer
        using var chain = DnsTestChain.Create();

        // When the records to publish are computed
        var records = TlsaCalculator.RecordsToPublish(chain.Chain);

        // Then they are 3 1 1 for the leaf key and 2 1 1 for the issuer key
        Assert.Equal(2, records.Count);
        Assert.Equal(TlsaCalculator.Compute(chain.Leaf), records[0]);
        Assert.StartsWith("3 1 1 ", records[0].ToPresentation(), StringComparison.Ordinal);
        Assert.Equal(TlsaCalculator.Compute(chain.Issuer, TlsaCertificateUsage.DaneTa), records[1]);
        Assert.StartsWith("2 1 1 ", records[1].ToPresentation(), StringComparison.Ordinal);
        Assert.Single(TlsaCalculator.RecordsToPublish([chain.Leaf]));
    }

    private string WritePem(X509Certificate2 certificate)
    {
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
