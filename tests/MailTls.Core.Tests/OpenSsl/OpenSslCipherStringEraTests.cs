using MailTls.Core.OpenSsl;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

/// <summary>
/// Expectations for the eras that cannot be run here (1.0.2, 1.1.1), checked by hand against the rules and tables of
/// ssl/ssl_ciph.c and ssl/s3_lib.c of OpenSSL_1_0_2s and OpenSSL_1_1_1w, and against lists those versions are known to print.
/// </summary>
public sealed class OpenSslCipherStringEraTests
{
    /// <summary><c>openssl ciphers DEFAULT</c> of an upstream 1.1.1 build (identical to 3.0's).</summary>
    private const string V111Default =
        "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:" +
        "ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:" +
        "DHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256:" +
        "ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA256:ECDHE-ECDSA-AES128-SHA256:" +
        "ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES256-SHA:" +
        "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:DHE-RSA-AES128-SHA:RSA-PSK-AES256-GCM-SHA384:DHE-PSK-AES256-GCM-SHA384:" +
        "RSA-PSK-CHACHA20-POLY1305:DHE-PSK-CHACHA20-POLY1305:ECDHE-PSK-CHACHA20-POLY1305:AES256-GCM-SHA384:" +
        "PSK-AES256-GCM-SHA384:PSK-CHACHA20-POLY1305:RSA-PSK-AES128-GCM-SHA256:DHE-PSK-AES128-GCM-SHA256:AES128-GCM-SHA256:" +
        "PSK-AES128-GCM-SHA256:AES256-SHA256:AES128-SHA256:ECDHE-PSK-AES256-CBC-SHA384:ECDHE-PSK-AES256-CBC-SHA:" +
        "SRP-RSA-AES-256-CBC-SHA:SRP-AES-256-CBC-SHA:RSA-PSK-AES256-CBC-SHA384:DHE-PSK-AES256-CBC-SHA384:" +
        "RSA-PSK-AES256-CBC-SHA:DHE-PSK-AES256-CBC-SHA:AES256-SHA:PSK-AES256-CBC-SHA384:PSK-AES256-CBC-SHA:" +
        "ECDHE-PSK-AES128-CBC-SHA256:ECDHE-PSK-AES128-CBC-SHA:SRP-RSA-AES-128-CBC-SHA:SRP-AES-128-CBC-SHA:" +
        "RSA-PSK-AES128-CBC-SHA256:DHE-PSK-AES128-CBC-SHA256:RSA-PSK-AES128-CBC-SHA:DHE-PSK-AES128-CBC-SHA:AES128-SHA:" +
        "PSK-AES128-CBC-SHA256:PSK-AES128-CBC-SHA";

    private static string[] Names(CipherStringResult r) => r.ToOpenSslCiphersList().Select(s => s.Name).ToArray();

    [Fact]
    public void Evaluate_DefaultOn111_IsTheKnownDefaultList()
    {
        // Given / When DEFAULT on upstream 1.1.1
        CipherStringResult result = OpenSslCipherString.Evaluate("DEFAULT", OpenSslBuild.OpenSsl111);

        // Then it is the list 1.1.1 prints
        Assert.Equal(V111Default.Split(':'), Names(result));
    }

    [Fact]
    public void Evaluate_MediumOn111_HoldsSeedAndIdeaButNoRc4Or3Des()
    {
        // Given / When MEDIUM on upstream 1.1.1 (RC4 and 3DES need enable-weak-ssl-ciphers since 1.1.0)
        CipherStringResult plain = OpenSslCipherString.Evaluate("MEDIUM", OpenSslBuild.OpenSsl111);
        CipherStringResult weak = OpenSslCipherString.Evaluate("MEDIUM", OpenSslBuild.OpenSsl111 with { WeakCiphers = true });

        // Then SEED and IDEA are there, and RC4/3DES only in a weak build
        Assert.Equal(["DHE-RSA-SEED-SHA", "DHE-DSS-SEED-SHA", "ADH-SEED-SHA", "SEED-SHA", "IDEA-CBC-SHA"], plain.Suites.Select(s => s.Name));
        Assert.Contains(weak.Suites, s => s.Name == "DES-CBC3-SHA");
        Assert.Contains(weak.Suites, s => s.Name == "RC4-SHA");
    }

    [Fact]
    public void Evaluate_MediumOn30_IsRejected()
    {
        // Given / When MEDIUM on OpenSSL 3 without the legacy provider
        CipherStringResult result = OpenSslCipherString.Evaluate("MEDIUM", OpenSslBuild.OpenSsl30);

        // Then no suite is left
        Assert.Equal(CipherStringStatus.NoCipherMatch, result.Status);
    }

    [Fact]
    public void Evaluate_DefaultOn102_StartsWithTheKnownHead()
    {
        // Given / When DEFAULT on 1.0.2 (ALL:!EXPORT:!LOW:!aNULL:!eNULL:!SSLv2)
        CipherStringResult result = OpenSslCipherString.Evaluate("DEFAULT", OpenSslBuild.OpenSsl102);

        // Then it begins as 1.0.2 prints it: ECDHE by strength, SRP, then static and ephemeral DH interleaved
        Assert.Equal(
            ["ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-SHA384", "ECDHE-ECDSA-AES256-SHA384",
             "ECDHE-RSA-AES256-SHA", "ECDHE-ECDSA-AES256-SHA", "SRP-DSS-AES-256-CBC-SHA", "SRP-RSA-AES-256-CBC-SHA", "SRP-AES-256-CBC-SHA",
             "DH-DSS-AES256-GCM-SHA384", "DHE-DSS-AES256-GCM-SHA384", "DH-RSA-AES256-GCM-SHA384", "DHE-RSA-AES256-GCM-SHA384"],
            Names(result).Take(13));
        Assert.Empty(result.Tls13Suites);
        Assert.DoesNotContain(result.Suites, s => s.Authentication == OpenSslAuthentication.Null);
        Assert.Contains(result.Suites, s => s.Name == "RC4-SHA");
    }

    [Fact]
    public void Evaluate_RsaAesOn102_IsStaticRsaAesByStrength()
    {
        // Given / When RSA+AES on 1.0.2
        CipherStringResult result = OpenSslCipherString.Evaluate("RSA+AES", OpenSslBuild.OpenSsl102);

        // Then the six kRSA AES suites, 256-bit first
        Assert.Equal(["AES256-GCM-SHA384", "AES256-SHA256", "AES256-SHA", "AES128-GCM-SHA256", "AES128-SHA256", "AES128-SHA"], Names(result));
    }

    [Fact]
    public void Evaluate_TlsV1On102_IsTheSameClassAsSslV3()
    {
        // Given TLSv1+kRSA, empty on 1.1.0+ but not on 1.0.x, where SSLv3 and TLSv1 share one bit
        // When it is evaluated on both
        CipherStringResult old = OpenSslCipherString.Evaluate("TLSv1+kRSA", OpenSslBuild.OpenSsl102);
        CipherStringResult sslv3 = OpenSslCipherString.Evaluate("SSLv3+kRSA", OpenSslBuild.OpenSsl102);
        CipherStringResult current = OpenSslCipherString.Evaluate("TLSv1+kRSA", OpenSslBuild.OpenSsl30);

        // Then 1.0.2 lists the same suites for both spellings and 3.0 rejects the string
        Assert.Equal(Names(sslv3), Names(old));
        Assert.Contains("AES128-SHA", Names(old));
        Assert.Equal(CipherStringStatus.NoCipherMatch, current.Status);
    }

    [Fact]
    public void Evaluate_ExportOn102_DependsOnWeakCipherBuild()
    {
        // Given EXPORT on 1.0.2g+ (weak suites compiled out) and on a 1.0.1 that still has them
        CipherStringResult upstream = OpenSslCipherString.Evaluate("EXPORT", OpenSslBuild.OpenSsl102);
        CipherStringResult centos6 = OpenSslCipherString.Evaluate("EXPORT", OpenSslBuild.OpenSsl101);

        // When / Then the first finds nothing, the second the seven export suites
        Assert.Equal(CipherStringStatus.NoCipherMatch, upstream.Status);
        Assert.Equal(7, centos6.Suites.Length);
        Assert.All(centos6.Suites, s => Assert.True((s.Strength & OpenSslStrength.Export) != 0));
    }

    [Fact]
    public void Evaluate_3DesOn102s_IsMediumNotHigh()
    {
        // Given / When HIGH and MEDIUM on 1.0.2s (3DES moved HIGH -> MEDIUM in 1.0.2i)
        CipherStringResult high = OpenSslCipherString.Evaluate("HIGH", OpenSslBuild.OpenSsl102);
        CipherStringResult medium = OpenSslCipherString.Evaluate("MEDIUM", OpenSslBuild.OpenSsl102);

        // Then DES-CBC3-SHA is MEDIUM
        Assert.DoesNotContain("DES-CBC3-SHA", Names(high));
        Assert.Contains("DES-CBC3-SHA", Names(medium));
    }

    [Fact]
    public void Evaluate_DheAliasNameOn102_SelectsTheEdhSuite()
    {
        // Given the forward-compatible DHE- spelling of an EDH- suite in 1.0.2's alias table
        // When it is evaluated
        CipherStringResult result = OpenSslCipherString.Evaluate("DHE-RSA-DES-CBC3-SHA", OpenSslBuild.OpenSsl102);

        // Then it selects EDH-RSA-DES-CBC3-SHA
        Assert.Equal(["EDH-RSA-DES-CBC3-SHA"], Names(result));
    }

    [Fact]
    public void Evaluate_ComplementOfDefaultOn102_IsAnonymousSuites()
    {
        // Given / When COMPLEMENTOFDEFAULT on 1.0.2
        CipherStringResult result = OpenSslCipherString.Evaluate("COMPLEMENTOFDEFAULT", OpenSslBuild.OpenSsl102);

        // Then every suite is anonymous
        Assert.NotEmpty(result.Suites);
        Assert.All(result.Suites, s => Assert.Equal(OpenSslAuthentication.Null, s.Authentication));
    }

    [Fact]
    public void Evaluate_EqualsSignOn102_IsNotAWordCharacter()
    {
        // Given "HIGH=X": one unknown word from 1.1.0 on, but in 1.0.x the word HIGH followed by a stray '='
        // When it is evaluated on both
        CipherStringResult old = OpenSslCipherString.Evaluate("HIGH=X:ALL", OpenSslBuild.OpenSsl102);
        CipherStringResult current = OpenSslCipherString.Evaluate("HIGH=X:ALL", OpenSslBuild.OpenSsl30);

        // Then 1.0.2 rejects the string at the '=' and 3.0 ignores the word
        Assert.Equal(CipherStringStatus.InvalidCommand, old.Status);
        Assert.Equal(4, old.ErrorOffset);
        Assert.True(current.IsAccepted);
        Assert.Contains(current.Warnings, w => w.Item == "HIGH=X" && w.Kind == CipherStringWarningKind.UnknownWord);
    }

    [Fact]
    public void Format_ExportSuiteOn102_UsesTheOldLayout()
    {
        // Given an export suite of the 1.0.2 table
        OpenSslCipherSuite suite = OpenSslCipherTables.V102Suites.Single(s => s.Name == "EXP-RC4-MD5");

        // When it is described in the 1.0.2 layout
        string line = OpenSslCipherDescription.Format(suite, OpenSslEra.V102);

        // Then it carries the export modulus, key length and suffix as 1.0.2 printed them
        Assert.Equal("EXP-RC4-MD5             SSLv3 Kx=RSA(512) Au=RSA  Enc=RC4(40)   Mac=MD5  export", line);
    }

    [Fact]
    public void Tables_EachEra_HaveUniqueNamesAndCodes()
    {
        // Given / When the three tables
        foreach (OpenSslCipherSuite[] table in new[] { OpenSslCipherTables.V102Suites, OpenSslCipherTables.V111Suites, OpenSslCipherTables.V30Suites })
        {
            // Then no name and no code appears twice
            Assert.Equal(table.Length, table.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(table.Length, table.Select(s => s.Code).Distinct().Count());
        }
    }
}
