using MailTls.Core.OpenSsl;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

/// <summary>Per-item attribution: which item added, removed, moved or excluded which suite.</summary>
public sealed class OpenSslCipherStringAttributionTests
{
    /// <summary>Scenario 2's exclusion string, as Postfix 2.6.6 logged it.</summary>
    private const string Scenario2 =
        "ALL:+RC4:@STRENGTH:!aNULL:!LOW:!EXP:!MEDIUM:!ADH:!AECDH:!MD5:!DSS:!ECDSA:!CAMELLIA128:!3DES:!CAMELLIA256:!RSA+AES:!eNULL";

    /// <summary>The static-RSA suites a 2019 Gmail ClientHello offered besides ECDHE (scenario 2 negotiated AES128-GCM-SHA256).</summary>
    private static readonly string[] GmailStaticRsaOffer =
        ["AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA"];

    private static CipherTermEffect Term(CipherStringResult r, string item) => r.Terms.Single(t => t.Item == item);

    private static string[] Names(IEnumerable<OpenSslCipherSuite> suites) => suites.Select(s => s.Name).ToArray();

    [Fact]
    public void TermsRemoving_Scenario2OnOpenSsl101_NamesTheTermForEveryStaticRsaSuiteGmailOffers()
    {
        // Given scenario 2's string on CentOS 6's OpenSSL 1.0.1 (1.0.2 tables, weak suites compiled in)
        CipherStringResult result = OpenSslCipherString.Evaluate(Scenario2, OpenSslBuild.OpenSsl101);

        // When each static-RSA suite Gmail offered is traced
        var culprits = GmailStaticRsaOffer.ToDictionary(n => n, n => result.TermsRemoving(n).Select(t => t.Item).ToArray());

        // Then none survives, and the responsible terms are the ones a postmaster must change
        Assert.All(GmailStaticRsaOffer, n => Assert.DoesNotContain(n, Names(result.Suites)));
        Assert.Equal(["!RSA+AES"], culprits["AES128-GCM-SHA256"]);
        Assert.Equal(["!RSA+AES"], culprits["AES256-SHA"]);

        // 1.0.1 before 1.0.1u still classed 3DES as HIGH, so !MEDIUM misses it and !3DES is what removes it.
        Assert.Equal(["!3DES"], culprits["DES-CBC3-SHA"]);
    }

    [Fact]
    public void TermsRemoving_Scenario2On102s_Blames3DesOnMedium()
    {
        // Given the same string on 1.0.2s, where 3DES is MEDIUM
        CipherStringResult result = OpenSslCipherString.Evaluate(Scenario2, OpenSslBuild.OpenSsl102);

        // When DES-CBC3-SHA is traced
        // Then !MEDIUM removed it first, and !3DES found nothing left to exclude
        Assert.Equal(["!MEDIUM"], result.TermsRemoving("DES-CBC3-SHA").Select(t => t.Item));
        Assert.False(Term(result, "!3DES").HasEffect);
    }

    [Fact]
    public void Evaluate_Scenario2OnCentOs6_HasNoSrpAndNoFixedDh()
    {
        // Given scenario 2's string on CentOS 6's openssl-1.0.1e-58 (no SRP, no fixed DH, weak suites removed)
        CipherStringResult result = OpenSslCipherString.Evaluate(Scenario2, OpenSslBuild.CentOs6);

        // When it is evaluated
        // Then what is left for an RSA certificate is ECDHE-RSA and DHE-RSA only, plus PSK
        Assert.True(result.IsAccepted);
        Assert.DoesNotContain(result.Suites, s => s.KeyExchange is OpenSslKeyExchange.Srp or OpenSslKeyExchange.DhRsa or OpenSslKeyExchange.DhDss);
        Assert.Equal(
            [OpenSslKeyExchange.Dhe, OpenSslKeyExchange.Ecdhe],
            result.Suites.Where(s => s.Authentication == OpenSslAuthentication.Rsa).Select(s => s.KeyExchange).Distinct().Order());
        Assert.Equal(["!3DES"], result.TermsRemoving("DES-CBC3-SHA").Select(t => t.Item));
    }

    [Fact]
    public void Evaluate_Scenario2On102_RecordsEachTermsEffect()
    {
        // Given scenario 2's string on 1.0.2 (which has the fixed-DH suites)
        CipherStringResult result = OpenSslCipherString.Evaluate(Scenario2, OpenSslBuild.OpenSsl102);

        // When the individual terms are inspected
        // Then +RC4 moved the RC4 suites, !DSS took DHE-DSS but not static DH-DSS (authenticated by aDH),
        // !ECDSA took ECDHE-ECDSA, and the no-op terms did nothing
        Assert.Contains("RC4-SHA", Names(Term(result, "+RC4").Moved));
        Assert.Contains("DHE-DSS-AES256-SHA", Names(Term(result, "!DSS").Removed));
        Assert.DoesNotContain("DH-DSS-AES256-SHA", Names(Term(result, "!DSS").Excluded));
        Assert.Contains("DH-DSS-AES256-SHA", Names(result.Suites));
        Assert.Contains("ECDHE-ECDSA-AES128-GCM-SHA256", Names(Term(result, "!ECDSA").Removed));
        Assert.False(Term(result, "!3DES").HasEffect);
        Assert.True(result.IsAccepted);
        Assert.Contains("ECDHE-RSA-AES128-GCM-SHA256", Names(result.Suites));
    }

    [Fact]
    public void Evaluate_Scenario2OnOpenSsl3_KeepsAriaStaticRsaSuites()
    {
        // Given scenario 2's string on OpenSSL 3 (reference §3.4: 68 TLS<=1.2 suites, ARIA static-RSA survives)
        CipherStringResult result = OpenSslCipherString.Evaluate(Scenario2, OpenSslBuild.Debian12);

        // When it is evaluated
        // Then the counts match the recorded run and !RSA+AES left the non-AES static-RSA suites alone
        Assert.Equal(68, result.Suites.Length);
        Assert.Equal(24, result.ToSupportedList().Count(s => !s.IsTls13));
        Assert.Contains("ARIA128-GCM-SHA256", Names(result.Suites));
        Assert.False(Term(result, "!MEDIUM").HasEffect);
        Assert.Contains(result.Warnings, w => w.Item == "!EXP" && w.Kind == CipherStringWarningKind.UnknownWord);
    }

    [Fact]
    public void TermsRemoving_KillOfAuthentication_NamesThatTerm()
    {
        // Given HIGH with every RSA-authenticated suite killed
        CipherStringResult result = OpenSslCipherString.Evaluate("HIGH:!aRSA", OpenSslBuild.OpenSsl30);

        // When the fate of ECDHE-RSA-AES128-GCM-SHA256 (by OpenSSL or IANA name) is asked for
        var byName = result.TermsRemoving("ECDHE-RSA-AES128-GCM-SHA256");
        var byIana = result.TermsRemoving("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

        // Then the answer is !aRSA, which removed it from the list and excluded it for good
        CipherTermEffect term = Assert.Single(byName);
        Assert.Equal("!aRSA", term.Item);
        Assert.Equal(CipherRuleAction.Kill, term.Action);
        Assert.Equal(byName.ToArray(), byIana.ToArray());
        Assert.Contains("ECDHE-RSA-AES128-GCM-SHA256", Names(term.Removed));

        // Excluded also holds the RSA suites HIGH never added (NULL-SHA256 and friends), so it is the larger set.
        Assert.Subset(new HashSet<string>(Names(term.Excluded)), new HashSet<string>(Names(term.Removed)));
        Assert.Contains("NULL-SHA256", Names(term.Excluded));
        Assert.DoesNotContain("NULL-SHA256", Names(term.Removed));
    }

    [Fact]
    public void Evaluate_RemoveThenAdd_RecordsRemovalAndReAddition()
    {
        // Given Postfix's "aNULL:-aNULL:HIGH" idiom
        CipherStringResult result = OpenSslCipherString.Evaluate("aNULL:-aNULL:HIGH:@STRENGTH", OpenSslBuild.OpenSsl30);

        // When the three list terms are inspected
        CipherTermEffect add = Term(result, "aNULL");
        CipherTermEffect remove = Term(result, "-aNULL");
        CipherTermEffect high = Term(result, "HIGH");

        // Then -aNULL took back exactly what aNULL added, HIGH added the HIGH ones again (not AECDH-NULL-SHA),
        // and @STRENGTH is recorded as a command
        Assert.Equal(Names(add.Added).Order().ToArray(), Names(remove.Removed).Order().ToArray());
        Assert.Empty(remove.Excluded);
        Assert.Subset(
            new HashSet<string>(Names(high.Added)),
            new HashSet<string>(Names(remove.Removed.Where(s => (s.Strength & OpenSslStrength.High) != 0))));
        Assert.Contains("AECDH-NULL-SHA", Names(remove.Removed));
        Assert.DoesNotContain("AECDH-NULL-SHA", Names(high.Added));
        Assert.Equal(CipherRuleAction.Command, result.Terms[^1].Action);
    }

    [Fact]
    public void Evaluate_MoveToEnd_RecordsMovedActiveSuitesOnly()
    {
        // Given a move of aRSA suites to the end
        CipherStringResult result = OpenSslCipherString.Evaluate("ECDHE:+aRSA", OpenSslBuild.OpenSsl30);

        // When the move term is inspected
        CipherTermEffect move = Term(result, "+aRSA");

        // Then only ECDHE-RSA suites (active ones) moved, and they are now last
        Assert.All(move.Moved, s => Assert.Equal(OpenSslKeyExchange.Ecdhe, s.KeyExchange));
        Assert.Equal(Names(move.Moved), Names(result.Suites.TakeLast(move.Moved.Length)));
        Assert.Empty(move.Added);
    }

    [Fact]
    public void Evaluate_CombinedTermRsaAes_MeansStaticRsaKeyExchange()
    {
        // Given RSA+AES, which reads like "RSA certificate and AES" but means kRSA (reference §3.2)
        CipherStringResult result = OpenSslCipherString.Evaluate("RSA+AES", OpenSslBuild.OpenSsl30);

        // When it is evaluated
        // Then every suite uses static RSA key exchange, none ECDHE-RSA
        Assert.Equal(10, result.Suites.Length);
        Assert.All(result.Suites, s => Assert.Equal(OpenSslKeyExchange.Rsa, s.KeyExchange));
    }
}
