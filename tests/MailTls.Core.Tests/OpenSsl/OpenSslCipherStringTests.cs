using MailTls.Core.OpenSsl;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

/// <summary>Bad input, warnings and commands: the evaluator never throws on user input.</summary>
public sealed class OpenSslCipherStringTests
{
    public static TheoryData<OpenSslEra> Eras => new(OpenSslEra.V102, OpenSslEra.V111, OpenSslEra.V30);

    private static string[] Names(CipherStringResult r) => r.Suites.Select(s => s.Name).ToArray();

    private static CipherStringResult Eval(string s, OpenSslEra era = OpenSslEra.V30) =>
        OpenSslCipherString.Evaluate(s, new OpenSslBuild(era));

    [Theory]
    [MemberData(nameof(Eras))]
    public void Evaluate_EmptyString_ReturnsNoCipherMatch(OpenSslEra era)
    {
        // Given an empty cipher list (openssl ciphers '' fails with "no cipher match")
        // When it is evaluated
        CipherStringResult result = Eval(string.Empty, era);

        // Then it is rejected with an empty list and a warning, not an exception
        Assert.Equal(CipherStringStatus.NoCipherMatch, result.Status);
        Assert.Empty(result.Suites);
        Assert.Empty(result.Tls13Suites);
        Assert.Contains(result.Warnings, w => w.Kind == CipherStringWarningKind.Invalid);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public void Evaluate_OnlyKillAll_ReturnsNoCipherMatchWithNothingExcludedFromAnEmptyList(OpenSslEra era)
    {
        // Given "!ALL", which kills every suite before any was added
        // When it is evaluated
        CipherStringResult result = Eval("!ALL", era);

        // Then nothing is left, and the term excluded every ALL suite for good without removing an active one
        Assert.Equal(CipherStringStatus.NoCipherMatch, result.Status);
        CipherTermEffect term = Assert.Single(result.Terms);
        Assert.Equal(CipherRuleAction.Kill, term.Action);
        Assert.NotEmpty(term.Excluded);
        Assert.Empty(term.Removed);
    }

    [Fact]
    public void Evaluate_KillThenAdd_CannotBringSuitesBack()
    {
        // Given a kill followed by an add of the same suites, and the same with '-' instead of '!'
        // When both are evaluated
        CipherStringResult killed = Eval("ALL:!HIGH:HIGH");
        CipherStringResult removed = Eval("ALL:-HIGH:HIGH");

        // Then '!' is final (nothing left on 3.0, where ALL is all HIGH) and '-' is not
        Assert.Equal(CipherStringStatus.NoCipherMatch, killed.Status);
        Assert.True(removed.IsAccepted);
        Assert.Equal(Eval("ALL").Suites.Length, removed.Suites.Length);
    }

    [Theory]
    [InlineData("HIGH_AES", 4)]
    [InlineData("HIGH:!", 6)]
    [InlineData("HIGH+", 5)]
    [InlineData("HIGH:AES/GCM", 8)]
    [InlineData("HIGH:é", 5)]
    public void Evaluate_CharacterOutsideWordSyntax_ReturnsInvalidCommandWithOffset(string cipherString, int offset)
    {
        // Given a string with a character OpenSSL cannot parse where a word must start
        // When it is evaluated
        CipherStringResult result = Eval(cipherString);

        // Then the whole string is rejected and the offending offset is reported
        Assert.Equal(CipherStringStatus.InvalidCommand, result.Status);
        Assert.Equal(offset, result.ErrorOffset);
        Assert.Empty(result.Suites);
        Assert.Contains(result.Warnings, w => w.Kind == CipherStringWarningKind.Invalid);
    }

    [Fact]
    public void Evaluate_BadCharacterInsideIgnoredItem_IsSkippedLikeOpenSsl()
    {
        // Given an unknown word whose item continues with characters that are not word characters
        // When it is evaluated (OpenSSL skips the rest of an ignored item up to the next separator)
        CipherStringResult result = Eval("FOO+B_R:HIGH");

        // Then the string is accepted as if it were "HIGH"
        Assert.True(result.IsAccepted);
        Assert.Equal(Names(Eval("HIGH")), Names(result));
    }

    [Fact]
    public void Evaluate_UnknownWords_AreIgnoredAndReported()
    {
        // Given nonsense around a real alias
        // When it is evaluated
        CipherStringResult result = Eval("FOO:HIGH:!BAR");

        // Then the result equals HIGH, and both unknown words are reported with their offsets
        Assert.Equal(Names(Eval("HIGH")), Names(result));
        Assert.Collection(
            result.Warnings,
            w => Assert.Equal((CipherStringWarningKind.UnknownWord, 0, "FOO"), (w.Kind, w.Offset, w.Item)),
            w => Assert.Equal((CipherStringWarningKind.UnknownWord, 9, "!BAR"), (w.Kind, w.Offset, w.Item)));
        Assert.False(result.Terms[0].Recognized);
    }

    [Fact]
    public void Evaluate_LowerCaseAlias_IsIgnoredAndReportedAsWrongCase()
    {
        // Given "kRSA+aRSA:anull" (OpenSSL compares case-sensitively)
        // When it is evaluated
        CipherStringResult result = Eval("kRSA+aRSA:anull");

        // Then anull does nothing and the warning names the right spelling
        CipherStringWarning warning = Assert.Single(result.Warnings);
        Assert.Equal(CipherStringWarningKind.WrongCase, warning.Kind);
        Assert.Contains("aNULL", warning.Message, StringComparison.Ordinal);
        Assert.Equal(Names(Eval("kRSA")), Names(result));
    }

    [Fact]
    public void Evaluate_DefaultAfterFirstItem_IsAnUnknownWord()
    {
        // Given DEFAULT in second position
        // When it is evaluated
        CipherStringResult result = Eval("HIGH:DEFAULT");

        // Then only HIGH counts, and the warning explains why
        Assert.Equal(Names(Eval("HIGH")), Names(result));
        Assert.Contains(result.Warnings, w => w.Kind == CipherStringWarningKind.DefaultNotAtStart && w.Offset == 5);
    }

    [Fact]
    public void Evaluate_LeadingDefault_ExpandsBuiltInStringAndMarksItsTerms()
    {
        // Given "DEFAULT:!kRSA"
        // When it is evaluated for 3.0
        CipherStringResult result = Eval("DEFAULT:!kRSA");

        // Then the first terms are the built-in ALL:!COMPLEMENTOFDEFAULT:!eNULL, marked as such, then the user's term
        Assert.Equal(["ALL", "!COMPLEMENTOFDEFAULT", "!eNULL", "!kRSA"], result.Terms.Select(t => t.Item));
        Assert.All(result.Terms.Take(3), t => Assert.True(t.FromDefaultExpansion));
        Assert.False(result.Terms[3].FromDefaultExpansion);
        Assert.Equal(8, result.Terms[3].Offset);
        Assert.DoesNotContain(result.Suites, s => s.KeyExchange == OpenSslKeyExchange.Rsa);
    }

    [Fact]
    public void Evaluate_ImpossibleConjunction_IsIgnoredAndReported()
    {
        // Given ADH+AECDH (DHE and ECDHE key exchange at once)
        // When it is evaluated
        CipherStringResult result = Eval("ADH+AECDH:HIGH");

        // Then the item is ignored with an EmptyIntersection warning
        Assert.Equal(Names(Eval("HIGH")), Names(result));
        Assert.Contains(result.Warnings, w => w.Kind == CipherStringWarningKind.EmptyIntersection && w.Item == "ADH+AECDH");
    }

    [Fact]
    public void Evaluate_AliasOfAbsentAlgorithm_IsReportedAsNoEffect()
    {
        // Given !3DES on OpenSSL 3 (3DES suites are compiled out of default builds)
        // When it is evaluated
        CipherStringResult result = Eval("HIGH:!3DES");

        // Then the term is recognised but did nothing, and says so
        Assert.True(result.Terms[1].Recognized);
        Assert.False(result.Terms[1].HasEffect);
        Assert.Contains(result.Warnings, w => w.Kind == CipherStringWarningKind.NoEffect && w.Item == "!3DES");
    }

    [Fact]
    public void Evaluate_NulCharacter_StopsReadingThere()
    {
        // Given a string with an embedded NUL, as a C string would be cut
        // When it is evaluated
        CipherStringResult result = Eval("HIGH\0:!aRSA");

        // Then everything after the NUL is ignored, with a warning
        Assert.Equal(Names(Eval("HIGH")), Names(result));
        Assert.Contains(result.Warnings, w => w.Kind == CipherStringWarningKind.TruncatedAtNul && w.Offset == 4);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public void Evaluate_VeryLongString_CompletesWithoutThrowing(OpenSslEra era)
    {
        // Given 20,000 items, mixed valid and invalid words
        string text = string.Join(':', Enumerable.Range(0, 20_000).Select(i => (i % 4) switch
        {
            0 => "HIGH",
            1 => "!aNULL",
            2 => "+SHA1",
            _ => "NOPE" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

        // When it is evaluated
        CipherStringResult result = Eval(text, era);

        // Then there is a result with one term per item
        Assert.True(result.IsAccepted);
        Assert.Equal(20_000, result.Terms.Length);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public void Evaluate_RandomCharacters_NeverThrows(OpenSslEra era)
    {
        // Given thousands of random strings over a hostile alphabet
        var random = new Random(4242);
        const string alphabet = "ALHIGHMEDkRSAaNULL+-!@:;, .=_/\0\u00e9\ud83d\ude00SECLEVEL=STRENGTH0123456789";
        for (int i = 0; i < 3000; i++)
        {
            char[] chars = new char[random.Next(0, 40)];
            for (int j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            // When each is evaluated
            CipherStringResult result = Eval(new string(chars), era);

            // Then a result comes back, consistent with its status
            Assert.Equal(result.IsAccepted, !result.Suites.IsEmpty);
        }
    }

    [Fact]
    public void Evaluate_SecurityLevelCommand_ChangesLevelAndSupportedList()
    {
        // Given the Debian build (level 2) and a string lowering it to 0
        // When it is evaluated
        CipherStringResult result = OpenSslCipherString.Evaluate("@SECLEVEL=0:ALL:COMPLEMENTOFALL", OpenSslBuild.Debian12);

        // Then level 0 is in force and anonymous suites are usable
        Assert.Equal(0, result.SecurityLevel);
        Assert.Contains(result.ToSupportedList(), s => s.Authentication == OpenSslAuthentication.Null);
        Assert.DoesNotContain(OpenSslCipherString.Evaluate("ALL:COMPLEMENTOFALL", OpenSslBuild.Debian12).ToSupportedList(),
            s => s.Authentication == OpenSslAuthentication.Null);
    }

    [Theory]
    [InlineData("@SECLEVEL=6:ALL")]
    [InlineData("@SECLEVEL=12:ALL")]
    [InlineData("@SECLEVEL=:ALL")]
    [InlineData("ALL:@STRONG")]
    public void Evaluate_BadCommand_RejectsWholeString(string cipherString)
    {
        // Given an unknown or malformed @command
        // When it is evaluated
        CipherStringResult result = Eval(cipherString);

        // Then OpenSSL would reject the string
        Assert.Equal(CipherStringStatus.InvalidCommand, result.Status);
        Assert.Contains(result.Warnings, w => w.Kind == CipherStringWarningKind.Invalid);
    }

    [Fact]
    public void Evaluate_SecurityLevelOnOpenSsl102_RejectsWholeString()
    {
        // Given @SECLEVEL, which 1.0.x does not know
        // When it is evaluated for 1.0.2
        CipherStringResult result = Eval("@SECLEVEL=1:ALL", OpenSslEra.V102);

        // Then the string is rejected and the warning says which versions have it
        Assert.Equal(CipherStringStatus.InvalidCommand, result.Status);
        Assert.Contains(result.Warnings, w => w.Message.Contains("1.1.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_CipherStringWithoutAes_LeavesTls13SuitesAlone()
    {
        // Given a string that excludes every AES-GCM and ChaCha20 suite
        // When it is evaluated for 3.0
        CipherStringResult result = Eval("HIGH:!AESGCM:!CHACHA20");

        // Then TLS 1.3 suites (configured by -ciphersuites) are still all there
        Assert.Equal(["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"], result.Tls13Suites.Select(s => s.Name));
        Assert.DoesNotContain(result.Suites, s => s.Encryption is OpenSslEncryption.Aes128Gcm or OpenSslEncryption.Aes256Gcm);
    }

    [Fact]
    public void Evaluate_CustomTls13CipherSuites_AreParsedInOrderIgnoringUnknownNames()
    {
        // Given a -ciphersuites value with an unknown name and a CCM suite
        // When it is evaluated
        CipherStringResult result = OpenSslCipherString.Evaluate("HIGH", OpenSslBuild.OpenSsl30,
            "TLS_AES_128_CCM_SHA256:TLS_NOPE:TLS_AES_128_GCM_SHA256");

        // Then the known suites come first in the given order
        Assert.Equal(["TLS_AES_128_CCM_SHA256", "TLS_AES_128_GCM_SHA256"], result.Tls13Suites.Select(s => s.Name));
        Assert.Equal("TLS_AES_128_CCM_SHA256", result.ToOpenSslCiphersList()[0].Name);
    }

    [Fact]
    public void Evaluate_OpenSsl102_HasNoTls13Suites()
    {
        // Given / When a string evaluated for 1.0.2
        CipherStringResult result = Eval("HIGH", OpenSslEra.V102);

        // Then there is no TLS 1.3
        Assert.Empty(result.Tls13Suites);
        Assert.DoesNotContain(result.Suites, s => s.IsTls13);
    }

    [Fact]
    public void Evaluate_SuiteBKeyword_ReplacesWholeString()
    {
        // Given SUITEB128 followed by other items
        // When it is evaluated
        CipherStringResult result = Eval("SUITEB128:ALL");

        // Then only the two Suite B suites remain and a warning explains the replacement
        Assert.Equal(["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384"], result.Suites.Select(s => s.Name));
        Assert.Contains(result.Warnings, w => w.Kind == CipherStringWarningKind.SuiteBReplacement);
    }

    [Fact]
    public void Evaluate_NullArguments_ThrowArgumentNullException()
    {
        // Given / When / Then misuse by a caller is a bug, reported as such
        Assert.Throws<ArgumentNullException>(() => OpenSslCipherString.Evaluate(null!, OpenSslBuild.OpenSsl30));
        Assert.Throws<ArgumentNullException>(() => OpenSslCipherString.Evaluate("ALL", null!));
    }
}
