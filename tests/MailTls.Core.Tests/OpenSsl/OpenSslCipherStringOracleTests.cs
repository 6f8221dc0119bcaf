using Xunit;
using MailTls.Core.OpenSsl;

namespace MailTls.Core.Tests.OpenSsl;

/// <summary>
/// Differential tests against the real <c>openssl ciphers</c> of this machine (Debian 12, OpenSSL 3.0.x built with
/// security level 2). Same names, same order, same accept/reject decision.
/// </summary>
public sealed class OpenSslCipherStringOracleTests
{
    /// <summary>The oracle corpus: real-world strings, Postfix defaults, scenario 2, and edge cases.</summary>
    public static TheoryData<string> Corpus => new(OracleCorpus.Strings);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Evaluate_OracleCorpus_MatchesOpenSslCiphers(string cipherString)
    {
        // Given the machine's OpenSSL 3.0 as oracle
        OpenSslCli.CiphersOutput expected = OpenSslCli.Ciphers(cipherString);

        // When mailtls evaluates the same string for the 3.0 era
        CipherStringResult actual = OpenSslCipherString.Evaluate(cipherString, OpenSslBuild.Debian12);

        // Then both accept or reject it, and list the same suites in the same order
        Assert.Equal(expected.Names is not null, actual.IsAccepted);
        if (expected.Names is not null)
        {
            Assert.Equal(expected.Names, actual.ToOpenSslCiphersList().Select(s => s.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void ToSupportedList_OracleCorpus_MatchesOpenSslCiphersDashS(string cipherString)
    {
        // Given the oracle's view of what a context can really use (-s: security level, no PSK/SRP callbacks)
        OpenSslCli.CiphersOutput expected = OpenSslCli.Ciphers(cipherString, supportedOnly: true);

        // When mailtls filters its result the same way
        CipherStringResult actual = OpenSslCipherString.Evaluate(cipherString, OpenSslBuild.Debian12);

        // Then the usable lists agree
        Assert.Equal(expected.Names is not null, actual.IsAccepted);
        if (expected.Names is not null)
        {
            Assert.Equal(expected.Names, actual.ToSupportedList().Select(s => s.Name));
        }
    }

    [Theory]
    [InlineData("ALL:COMPLEMENTOFALL")]
    [InlineData("MEDIUM")]
    [InlineData("SEED:IDEA:RC4")]
    [InlineData("DEFAULT")]
    [InlineData("aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH")]
    [InlineData("ALL:!MEDIUM")]
    [InlineData("ALL:+SEED:@STRENGTH")]
    [InlineData("COMPLEMENTOFDEFAULT")]
    public void Evaluate_LegacyProviderLoaded_MatchesOpenSslCiphersWithLegacyProvider(string cipherString)
    {
        // Given the oracle with the legacy provider loaded (SEED becomes usable; this build has no IDEA)
        OpenSslCli.CiphersOutput expected = OpenSslCli.Ciphers(cipherString, legacyProvider: true);

        // When mailtls evaluates for the same build
        CipherStringResult actual = OpenSslCipherString.Evaluate(cipherString, OpenSslBuild.Debian12 with { LegacyProvider = true });

        // Then the lists are identical
        Assert.Equal(expected.Names is not null, actual.IsAccepted);
        if (expected.Names is not null)
        {
            Assert.Equal(expected.Names, actual.ToOpenSslCiphersList().Select(s => s.Name));
        }
    }

    [Theory]
    [InlineData("HIGH", "TLS_AES_128_CCM_SHA256:TLS_AES_128_GCM_SHA256")]
    [InlineData("HIGH", "")]
    [InlineData("ECDHE+AESGCM", "TLS_CHACHA20_POLY1305_SHA256:TLS_NOPE:TLS_AES_128_CCM_8_SHA256")]
    public void Evaluate_CustomCipherSuites_MatchesOpenSslCiphersWithCipherSuitesOption(string cipherString, string tls13)
    {
        // Given the oracle with an explicit -ciphersuites value
        OpenSslCli.CiphersOutput expected = OpenSslCli.Ciphers(cipherString, tls13: tls13);

        // When mailtls evaluates the same pair
        CipherStringResult actual = OpenSslCipherString.Evaluate(cipherString, OpenSslBuild.Debian12, tls13);

        // Then the TLS 1.3 part and the rest agree
        Assert.NotNull(expected.Names);
        Assert.Equal(expected.Names, actual.ToOpenSslCiphersList().Select(s => s.Name));
    }

    [Fact]
    public void Oracle_Version_IsOpenSsl3()
    {
        // Given / When the oracle's version
        string version = OpenSslCli.Version();

        // Then it is a 3.x OpenSSL, the era these tests compare with
        Assert.StartsWith("OpenSSL 3.", version, StringComparison.Ordinal);
    }
}
