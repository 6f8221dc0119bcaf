using MailTls.Core.Probe;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Probe;

/// The rules on hand-built facts; SenderPredictionAgainstPostfixTests checks them against real servers.
public sealed class SenderOutcomePredictorTests
{
    private const ushort EcdheRsaAes128Gcm = 0xC02F;
    private const ushort EcdheRsaAes256Gcm = 0xC030;
    private const ushort EcdheRsaChaCha = 0xCCA8;
    private const ushort RsaAes128Gcm = 0x009C;
    private const ushort Aes128GcmSha256 = 0x1301;
    private const ushort Aes256GcmSha384 = 0x1302;

    private static ProtocolSupport Accepts(TlsProtocolVersion version, SuiteOrder order, params ushort[] suites) =>
        new() { Version = version, Accepted = true, Order = order, Suites = [.. suites.Select(c => new AcceptedSuite(CipherSuiteRegistry.Get(c)))] };

    private static ProtocolSupport Refuses(TlsProtocolVersion version) => new() { Version = version, Accepted = false };

    private static EnumeratedServerFacts Facts(params ProtocolSupport[] protocols) => new()
    {
        TestedVersions = [TlsProtocolVersion.Ssl3, TlsProtocolVersion.Tls10, TlsProtocolVersion.Tls11, TlsProtocolVersion.Tls12, TlsProtocolVersion.Tls13],
        Protocols = [Refuses(TlsProtocolVersion.Ssl3), Refuses(TlsProtocolVersion.Tls10), Refuses(TlsProtocolVersion.Tls11), .. protocols],
        Groups = [TlsNamedGroup.X25519, TlsNamedGroup.Secp256r1],
        GroupCandidates = [TlsNamedGroup.X25519, TlsNamedGroup.Secp256r1, TlsNamedGroup.Secp384r1, TlsNamedGroup.Secp521r1, TlsNamedGroup.X448],
        GroupsTestedWith = TlsProtocolVersion.Tls13,
        RsaCertificate = true,
    };

    private static ClientHelloInfo Hello(ushort[] suites, TlsNamedGroup[]? groups = null, TlsNamedGroup[]? shares = null, bool tls13 = false) => new()
    {
        RecordVersion = 0x0301,
        LegacyVersion = (ushort)TlsProtocolVersion.Tls12,
        CipherSuites = [.. suites],
        SupportedVersions = tls13 ? [(ushort)TlsProtocolVersion.Tls13, (ushort)TlsProtocolVersion.Tls12] : [],
        SupportedGroups = [.. groups ?? [TlsNamedGroup.X25519, TlsNamedGroup.Secp256r1]],
        KeyShares = [.. (shares ?? []).Select(g => new TlsKeyShareInfo(g, 32))],
        SignatureAlgorithms = [TlsSignatureScheme.EcdsaSecp256r1Sha256, TlsSignatureScheme.RsaPssRsaeSha256, TlsSignatureScheme.RsaPkcs1Sha256],
    };

    [Fact]
    public void Predict_ClientOrder_TakesTheClientsFirstSuiteTheServerAccepts()
    {
        // Given
        var facts = Facts(Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Client, EcdheRsaAes256Gcm, EcdheRsaAes128Gcm), Refuses(TlsProtocolVersion.Tls13));

        // When
        var prediction = SenderOutcomePredictor.Predict(facts, Hello([0x0A0A, RsaAes128Gcm, EcdheRsaAes128Gcm, EcdheRsaAes256Gcm, ClientHelloBuilder.EmptyRenegotiationInfoScsv]));

        // Then: GREASE and the SCSV are skipped, AES128-GCM-SHA256 is refused, so the client's next one wins
        Assert.NotNull(prediction);
        Assert.Equal((HelloOutcomeKind.ServerHello, TlsProtocolVersion.Tls12, EcdheRsaAes128Gcm), (prediction.Outcome, prediction.Version, prediction.Suite!.Code));
    }

    [Fact]
    public void Predict_ServerOrder_TakesTheServersFirstSuiteTheClientOffers()
    {
        // Given
        var facts = Facts(Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Server, EcdheRsaAes256Gcm, EcdheRsaAes128Gcm), Refuses(TlsProtocolVersion.Tls13));

        // When
        var prediction = SenderOutcomePredictor.Predict(facts, Hello([EcdheRsaAes128Gcm, EcdheRsaAes256Gcm]));

        // Then
        Assert.Equal(EcdheRsaAes256Gcm, prediction?.Suite?.Code);
    }

    [Fact]
    public void Predict_EcdheWithoutASharedGroup_SkipsTheSuiteAndFailsWhenNothingIsLeft()
    {
        // Given: the client lists only P-384, which the group test offered and the server refused
        var facts = Facts(Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Client, EcdheRsaAes128Gcm), Refuses(TlsProtocolVersion.Tls13));

        // When
        var prediction = SenderOutcomePredictor.Predict(facts, Hello([EcdheRsaAes128Gcm], groups: [TlsNamedGroup.Secp384r1]));

        // Then
        Assert.NotNull(prediction);
        Assert.Equal(HelloOutcomeKind.Alert, prediction.Outcome);
        Assert.Null(prediction.Suite);
        Assert.Contains("no TLSv1.2 suite in common", prediction.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_NoSharedVersion_FailsWithProtocolVersion()
    {
        // Given: a TLS 1.3-only server and a TLS 1.2 client
        var facts = Facts(Refuses(TlsProtocolVersion.Tls12), Accepts(TlsProtocolVersion.Tls13, SuiteOrder.Client, Aes128GcmSha256));

        // When
        var prediction = SenderOutcomePredictor.Predict(facts, Hello([EcdheRsaAes128Gcm]));

        // Then
        Assert.Equal(HelloOutcomeKind.Alert, prediction?.Outcome);
        Assert.Null(prediction?.Version);
    }

    [Fact]
    public void Predict_Tls13KeyShares_ServerHelloForASupportedShareAndHelloRetryRequestOtherwise()
    {
        // Given
        var facts = Facts(Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Client, EcdheRsaAes128Gcm), Accepts(TlsProtocolVersion.Tls13, SuiteOrder.Client, Aes256GcmSha384, Aes128GcmSha256));
        ushort[] suites = [Aes128GcmSha256, Aes256GcmSha384, EcdheRsaAes128Gcm];

        // When: one client sends a P-384 share (refused) then an X25519 one, another only a P-384 share
        var direct = SenderOutcomePredictor.Predict(facts, Hello(suites, [TlsNamedGroup.Secp384r1, TlsNamedGroup.X25519], [TlsNamedGroup.Secp384r1, TlsNamedGroup.X25519], tls13: true));
        var retried = SenderOutcomePredictor.Predict(facts, Hello(suites, [TlsNamedGroup.Secp384r1, TlsNamedGroup.X25519], [TlsNamedGroup.Secp384r1], tls13: true));

        // Then: TLS 1.3 with the client's first suite, directly or after a HelloRetryRequest
        Assert.Equal((HelloOutcomeKind.ServerHello, TlsProtocolVersion.Tls13, Aes128GcmSha256), (direct!.Outcome, direct.Version, direct.Suite!.Code));
        Assert.Equal((HelloOutcomeKind.HelloRetryRequest, TlsProtocolVersion.Tls13, Aes128GcmSha256), (retried!.Outcome, retried.Version, retried.Suite!.Code));
    }

    public static TheoryData<string> Uncertain => ["version without verdict", "unknown suite code", "order unknown", "untested group", "ChaCha20 first on server order", "no signature algorithms", "untested key share"];

    [Theory]
    [MemberData(nameof(Uncertain))]
    public void Predict_AnInputTheFactsDoNotSettle_DeclinesSoTheHelloIsSent(string uncertainty)
    {
        // Given: facts and a hello that would be predicted but for one uncertain input
        var tls12 = Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Client, EcdheRsaAes128Gcm, EcdheRsaChaCha);
        var facts = Facts(tls12, Refuses(TlsProtocolVersion.Tls13));
        var hello = Hello([EcdheRsaAes128Gcm]);
        switch (uncertainty)
        {
            case "version without verdict":
                facts = facts with { Protocols = [.. facts.Protocols.Where(p => p.Version != TlsProtocolVersion.Tls11), new ProtocolSupport { Version = TlsProtocolVersion.Tls11 }] };
                break;
            case "unknown suite code":
                hello = hello with { CipherSuites = [0xFF85, EcdheRsaAes128Gcm] };
                break;
            case "order unknown":
                facts = facts with { Protocols = [.. facts.Protocols.Select(p => p == tls12 ? p with { Order = SuiteOrder.Unknown } : p)] };
                break;
            case "untested group":
                hello = hello with { SupportedGroups = [TlsNamedGroup.BrainpoolP256r1] };
                break;
            case "ChaCha20 first on server order":
                facts = facts with { Protocols = [.. facts.Protocols.Select(p => p == tls12 ? p with { Order = SuiteOrder.Server } : p)] };
                hello = hello with { CipherSuites = [EcdheRsaChaCha, EcdheRsaAes128Gcm] };
                break;
            case "no signature algorithms":
                hello = hello with { SignatureAlgorithms = [] };
                break;
            case "untested key share":
                facts = Facts(tls12, Accepts(TlsProtocolVersion.Tls13, SuiteOrder.Client, Aes128GcmSha256));
                hello = Hello([Aes128GcmSha256], [TlsNamedGroup.X25519MlKem768, TlsNamedGroup.X25519], [TlsNamedGroup.X25519MlKem768, TlsNamedGroup.X25519], tls13: true);
                break;
        }

        // When
        var prediction = SenderOutcomePredictor.Predict(facts, hello);

        // Then
        Assert.Null(prediction);
    }

    [Fact]
    public void Predict_TheSameHelloWithoutTheUncertainty_IsPredicted()
    {
        // Given: the baseline of the theory above, so each case fails only by its one change
        var facts = Facts(Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Client, EcdheRsaAes128Gcm, EcdheRsaChaCha), Refuses(TlsProtocolVersion.Tls13));

        // When
        var prediction = SenderOutcomePredictor.Predict(facts, Hello([EcdheRsaAes128Gcm]));

        // Then
        Assert.Equal(EcdheRsaAes128Gcm, prediction?.Suite?.Code);
    }
}
