using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.Diagnosis.Checks;
using MailTls.Diagnosis.Checks.Probe;
using MailTls.Diagnosis.Findings;
using Xunit;
using static MailTls.Diagnosis.Tests.Checks.Probe.ProbeEvidence;

namespace MailTls.Diagnosis.Tests.Checks.Probe;

public sealed class ProbeChecksTests
{
    private static List<Finding> Run(ICheck check, params TlsProbeResult[] probes) =>
        [.. check.Evaluate(new EvidenceSet { Probes = probes, CollectedAt = Now })];

    [Fact]
    public void StartTlsNotOffered_EhloWithoutStartTls_IsCriticalAndQuotesTheKeywords()
    {
        // Given
        var probe = Result(verdict: SmtpVerdict.StartTlsNotOffered) with
        {
            Smtp = Result().Smtp! with { Verdict = SmtpVerdict.StartTlsNotOffered, Capabilities = Capabilities("PIPELINING", "SIZE") },
        };

        // When
        var finding = Assert.Single(Run(new StartTlsNotOfferedCheck(), probe));

        // Then
        Assert.Equal("starttls-not-offered", finding.Id.Value);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("PIPELINING SIZE", finding.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpVerdict.Blocked, 0, 1)]
    [InlineData(SmtpVerdict.StartTlsNotOffered, 1, 0)]
    [InlineData(SmtpVerdict.TlsReady, 0, 0)]
    [InlineData(SmtpVerdict.ConnectFailed, 0, 0)]
    public void BlockedAndNotOffered_AreNeverConfused(SmtpVerdict verdict, int notOffered, int blocked)
    {
        // Given
        var probe = Result(verdict: verdict, detail: "the server greeted with 421");

        // When / Then
        Assert.Equal(notOffered, Run(new StartTlsNotOfferedCheck(), probe).Count);
        Assert.Equal(blocked, Run(new ProbeBlockedCheck(), probe).Count);
    }

    [Fact]
    public void ProtocolFloor_Port25RefusesOldSenders_NamesOnlyThoseWithoutACommonVersion()
    {
        // Given: TLS 1.2+ only; an old sender (TLS 1.0), a modern one, and one that shares TLS 1.2 but failed
        var probe = Result() with
        {
            Protocols = [Refuses(TlsProtocolVersion.Tls10), Refuses(TlsProtocolVersion.Tls11), Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Server, "ECDHE-RSA-AES128-GCM-SHA256")],
            Senders =
            [
                Sender("old", HelloOutcomeKind.Alert, TlsProtocolVersion.Tls10),
                Sender("modern", HelloOutcomeKind.ServerHello, TlsProtocolVersion.Tls12, TlsProtocolVersion.Tls13),
                Sender("picky", HelloOutcomeKind.Alert, TlsProtocolVersion.Tls10, TlsProtocolVersion.Tls12),
                Sender("published", HelloOutcomeKind.NotSent, TlsProtocolVersion.Tls10, TlsProtocolVersion.Tls11),
            ],
        };

        // When
        var floor = Assert.Single(Run(new ProbeProtocolFloorCheck(), probe));
        var cannot = Assert.Single(Run(new SenderCannotNegotiateCheck(), probe));

        // Then
        Assert.Equal("inbound-protocol-floor", floor.Id.Value);
        Assert.Equal(["old name", "published name"], floor.Affected);
        Assert.Equal(["picky name"], cannot.Affected);
        Assert.Empty(Run(new ProbeProtocolFloorCheck(), probe with { Port = 587 }));
    }

    [Fact]
    public void SenderCannotNegotiate_SynthesisedHello_EvidenceAndCauseSayItRestsOnPublishedFacts()
    {
        // Given: a recorded sender whose hello was sent and one whose hello was synthesised from
        // published facts and its answer predicted from the enumerated facts, both refused
        var probe = Result() with
        {
            Protocols = [Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Server, "ECDHE-RSA-CHACHA20-POLY1305")],
            Senders =
            [
                Sender("captured", HelloOutcomeKind.Alert, TlsProtocolVersion.Tls12),
                Sender("published", HelloOutcomeKind.Alert, TlsProtocolVersion.Tls12) with
                {
                    Basis = SenderHelloBasis.Synthesised,
                    Confidence = "low-medium",
                    Assumptions = ["groups not published, assumed secp256r1, secp384r1"],
                    Predicted = true,
                },
            ],
        };

        // When
        var finding = Assert.Single(Run(new SenderCannotNegotiateCheck(), probe));
        var evidence = finding.Evidence.Select(e => e.Describe()).ToList();

        // Then each sender's line names its basis, sent or predicted, and the cause qualifies the synthesised verdict
        Assert.Contains(evidence, e => e.Contains("captured name (captured)", StringComparison.Ordinal) && e.Contains("[basis: recorded hello, replayed]", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.Contains("published name (published)", StringComparison.Ordinal)
            && e.Contains("[basis: synthesised from published facts (confidence low-medium), predicted from the enumerated server facts: groups not published", StringComparison.Ordinal));
        Assert.Contains("published name (confidence low-medium) the hello is synthesised from published facts", finding.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain("captured name (confidence", finding.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void SenderCannotNegotiate_TimeoutIsOperationalNotAFinding()
    {
        // Given
        var probe = Result() with
        {
            Protocols = [Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Client, "ECDHE-RSA-AES128-GCM-SHA256")],
            Senders = [Sender("slow", HelloOutcomeKind.Timeout, TlsProtocolVersion.Tls12)],
        };

        // When / Then
        Assert.Empty(Run(new SenderCannotNegotiateCheck(), probe));
    }

    [Theory]
    [InlineData(TlsProtocolVersion.Ssl3, 25, Severity.Warning)]
    [InlineData(TlsProtocolVersion.Tls10, 25, Severity.Info)]
    [InlineData(TlsProtocolVersion.Tls11, 587, Severity.Warning)]
    public void LegacyProtocol_SeverityFollowsVersionAndPort(TlsProtocolVersion version, int port, Severity expected)
    {
        // Given
        var probe = Result(port) with { Protocols = [Accepts(version, SuiteOrder.Server, "AES128-SHA"), Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Server, "AES128-SHA")] };

        // When
        var finding = Assert.Single(Run(new LegacyProtocolAcceptedCheck(), probe));

        // Then
        Assert.Equal(expected, finding.Severity);
        Assert.Empty(Run(new LegacyProtocolAcceptedCheck(), probe with { Protocols = [Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Server, "AES128-SHA")] }));
    }

    [Fact]
    public void WeakSuite_Rc4IsWarning3DesInfoAnonymousAesNothing()
    {
        // Given
        var rc4 = Result() with { Protocols = [Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Server, "ECDHE-RSA-AES128-GCM-SHA256", "RC4-SHA", "DES-CBC3-SHA")] };
        var tripleDes = Result() with { Protocols = [Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Server, "ECDHE-RSA-AES128-GCM-SHA256", "DES-CBC3-SHA")] };
        var anonymous = Result() with { Protocols = [Accepts(TlsProtocolVersion.Tls12, SuiteOrder.Server, "ECDHE-RSA-AES128-GCM-SHA256", "ADH-AES256-GCM-SHA384")] };

        // When
        var rc4Finding = Assert.Single(Run(new WeakSuiteAcceptedCheck(), rc4));
        var tripleDesFinding = Assert.Single(Run(new WeakSuiteAcceptedCheck(), tripleDes));

        // Then
        Assert.Equal(Severity.Warning, rc4Finding.Severity);
        Assert.Contains("RC4-SHA", rc4Finding.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain("DES-CBC3-SHA", rc4Finding.Cause, StringComparison.Ordinal);
        Assert.Equal(Severity.Info, tripleDesFinding.Severity);
        Assert.Empty(Run(new WeakSuiteAcceptedCheck(), anonymous));
    }

    [Theory]
    [InlineData(SuiteOrder.Server, new[] { "AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256" }, true)]
    [InlineData(SuiteOrder.Client, new[] { "AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256" }, false)]
    [InlineData(SuiteOrder.Server, new[] { "ECDHE-RSA-AES128-GCM-SHA256", "AES128-GCM-SHA256" }, false)]
    [InlineData(SuiteOrder.Client, new[] { "AES128-GCM-SHA256", "AES256-SHA" }, true)]
    public void NoForwardSecrecy_StaticFirstInServerOrderOrNoEphemeralAtAll(SuiteOrder order, string[] suites, bool raised)
    {
        // Given
        var probe = Result() with { Protocols = [Accepts(TlsProtocolVersion.Tls12, order, suites)] };

        // When / Then
        Assert.Equal(raised ? 1 : 0, Run(new NoForwardSecrecyCheck(), probe).Count);
    }

    [Fact]
    public void Compression_OnlyWhenTheServerChoseDeflate()
    {
        Assert.Single(Run(new TlsCompressionCheck(), Result() with { CompressionAccepted = true }));
        Assert.Empty(Run(new TlsCompressionCheck(), Result() with { CompressionAccepted = false }));
        Assert.Empty(Run(new TlsCompressionCheck(), Result()));
    }

    [Fact]
    public void SessionResumption_OnlyWhenNothingResumedAndSomethingWasTestedToTheEnd()
    {
        // Given
        static ResumptionSupport Support(bool? id, bool? ticket, bool? psk) => new()
        {
            SessionId = new ResumptionVerdict(id, "id detail"),
            Ticket = new ResumptionVerdict(ticket, "ticket detail"),
            Tls13Psk = new ResumptionVerdict(psk, "psk detail"),
        };

        // When
        var never = Run(new SessionResumptionCheck(), Result() with { Resumption = Support(false, false, null) });

        // Then: the finding names each mechanism's detail; one resumption or only unknowns raise nothing
        var finding = Assert.Single(never);
        Assert.Equal(("session-resumption-unavailable", Severity.Info), (finding.Id.Value, finding.Severity));
        Assert.Contains(finding.Evidence, e => e.ToString()!.Contains("ticket detail", StringComparison.Ordinal));
        Assert.Empty(Run(new SessionResumptionCheck(), Result() with { Resumption = Support(false, false, true) }));
        Assert.Empty(Run(new SessionResumptionCheck(), Result() with { Resumption = Support(null, null, null) }));
        Assert.Empty(Run(new SessionResumptionCheck(), Result()));
    }

    [Fact]
    public void ServedChain_MissingIssuerRootIncludedAndOutOfOrder_EachRaiseTheirId()
    {
        // Given
        var (root, intermediate, leaf) = Chain("mx.example.com");
        var incomplete = Result() with { Chains = [Served(leaf) with { IssuerMissing = true, Trust = ChainTrust.Untrusted }] };
        var withRoot = Result() with { Chains = [Served(leaf, intermediate, root)] };
        var shuffled = Result() with { Chains = [Served(leaf, root, intermediate)] };
        var good = Result() with { Chains = [Served(leaf, intermediate)] };

        // When / Then
        Assert.Equal(["cert-chain-incomplete"], Run(new ServedChainCheck(), incomplete).Select(f => f.Id.Value));
        Assert.Equal(["cert-chain-includes-root"], Run(new ServedChainCheck(), withRoot).Select(f => f.Id.Value));
        Assert.Contains("cert-chain-order", Run(new ServedChainCheck(), shuffled).Select(f => f.Id.Value));
        Assert.Empty(Run(new ServedChainCheck(), good));
    }

    [Theory]
    [InlineData(-2, Severity.Critical)]
    [InlineData(10, Severity.Warning)]
    public void ServedCertificateExpiry_ExpiredOrSoon(int days, Severity expected)
    {
        // Given
        var (_, intermediate, leaf) = Chain("mx.example.com", Now.AddDays(days));
        var probe = Result() with { Chains = [Served(leaf, intermediate)] };

        // When
        var finding = Assert.Single(Run(new ServedCertificateExpiryCheck(), probe));

        // Then
        Assert.Equal("cert-expiring", finding.Id.Value);
        Assert.Equal(expected, finding.Severity);
    }

    [Theory]
    [InlineData("mx.example.com", 0, "")]
    [InlineData("other.example.com", 1, "match=dot-nexthop")]
    [InlineData("example.com", 1, "match=nexthop")]
    [InlineData("mail.example.org", 1, "Neither example.com")]
    public void ServedCertificateName_ChecksTheMxHostAndSaysWhatTheDomainWouldMatch(string certificateName, int count, string note)
    {
        // Given
        var (_, intermediate, leaf) = Chain(certificateName);
        var probe = Result() with { Chains = [Served(leaf, intermediate)] };

        // When
        var findings = Run(new ServedCertificateNameCheck(), probe);

        // Then
        Assert.Equal(count, findings.Count);
        Assert.All(findings, f => Assert.Contains(note, f.Cause, StringComparison.Ordinal));
    }
}
