using System.Security.Cryptography;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

/// <summary>
/// The derivations against OpenSSL 3 as the oracle; each expected value was computed with
/// <c>openssl kdf</c> (TLS1-PRF, TLS13-KDF, HKDF) from the inputs in the test.
/// </summary>
public sealed class TlsKeyDerivationTests
{
    private static readonly byte[] PrfSecret = Convert.FromHexString("9bbe436ba940f017b17652849a71db35");
    private static readonly byte[] PrfSeed = Convert.FromHexString("a0ba9f936cda311827a6f796ffd5198c");
    private static readonly byte[] Key32 = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    [Fact]
    public void Tls12Prf_Sha256_EqualsOpenSslTls1Prf()
    {
        // openssl kdf -keylen 40 -kdfopt digest:SHA256 -kdfopt hexsecret:9bbe.. -kdfopt hexseed:<"test label">a0ba.. TLS1-PRF
        var output = TlsKeyDerivation.Tls12Prf(HashAlgorithmName.SHA256, PrfSecret, "test label", PrfSeed, 40);

        Assert.Equal("E3F229BA727BE17B8D122620557CD453C2AAB21D07C3D495329B52D4E61EDB5A6B301791E90D35C9", Convert.ToHexString(output));
    }

    [Fact]
    public void Tls12Prf_Sha384_EqualsOpenSslTls1Prf()
    {
        var output = TlsKeyDerivation.Tls12Prf(HashAlgorithmName.SHA384, PrfSecret, "test label", PrfSeed, 48);

        Assert.Equal("DD88775CD827187B67A3F7652B5C13F715791CC46E0274A6D3FB16651103DEFC544CD8AFB68369A219BB918B8B21DDB1", Convert.ToHexString(output));
    }

    [Fact]
    public void HkdfExpandLabel_KeyWithoutContext_EqualsOpenSslTls13Kdf()
    {
        // openssl kdf -keylen 16 -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:0001..1f -kdfopt prefix:"tls13 " -kdfopt label:key -kdfopt hexdata:"" TLS13-KDF
        var output = TlsKeyDerivation.HkdfExpandLabel(HashAlgorithmName.SHA256, Key32, "key", [], 16);

        Assert.Equal("9C9783CF77EA32D44F369DA41F19F3CC", Convert.ToHexString(output));
    }

    [Fact]
    public void DeriveSecret_Sha384WithTranscriptHash_EqualsOpenSslTls13Kdf()
    {
        // A 48-byte secret (SHA-384 secrets are hash-sized); the context is SHA-256("") as bytes; the output length is SHA-384's.
        var secret = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f");
        var context = Convert.FromHexString("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        var output = TlsKeyDerivation.DeriveSecret(HashAlgorithmName.SHA384, secret, "c hs traffic", context);

        Assert.Equal("26AA468D43B90168966DB7AB599F48520052058346220C0246E4C1C83D4798088D997BD33CF45B3CCF1D4CB6E1C80510", Convert.ToHexString(output));
    }

    [Fact]
    public void HkdfExtract_WithSalt_EqualsOpenSslHkdfExtract()
    {
        var output = TlsKeyDerivation.HkdfExtract(HashAlgorithmName.SHA256, Convert.FromHexString("00010203"), Convert.FromHexString("0b0b0b0b"));

        Assert.Equal("962A53066927FE9068193A78121516A46068355EA3AFDDEAE6EA4CABFB80F14A", Convert.ToHexString(output));
    }

    [Fact]
    public void HashLength_NotATlsSuiteHash_Throws() =>
        Assert.Throws<ArgumentException>(() => TlsKeyDerivation.HashLength(HashAlgorithmName.SHA1));
}
