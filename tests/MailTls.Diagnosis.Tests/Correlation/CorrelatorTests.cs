using MailTls.Core.Evidence;
using MailTls.Core.Logs;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.Diagnosis.Correlation;
using MailTls.Diagnosis.Findings;
using MailTls.Diagnosis.Tests.Checks.Config;
using Xunit;

namespace MailTls.Diagnosis.Tests.Correlation;

public class CorrelatorTests
{
    private static TlsEvent Event(int line, string host, string org, TlsDirection direction, TlsCause cause, string? causeText = null, int day = 19) => new()
    {
        Location = new SourceLocation("/var/log/mail.log", line),
        Mta = MailTransferAgent.Postfix,
        Program = direction == TlsDirection.Outbound ? "postfix/smtp" : "postfix/smtpd",
        Direction = direction,
        Peer = new TlsPeer(host, "192.0.2.1", org),
        Outcome = cause == TlsCause.Ok ? TlsOutcome.Success : TlsOutcome.Failure,
        Cause = cause,
        CauseLocation = new SourceLocation("/var/log/mail.log", line),
        CauseText = causeText ?? $"warning: TLS library problem: line {line}",
        Timestamp = new LogTimestamp(new DateTime(2025, 12, day, 11, 0, 0).AddMinutes(line), null),
    };

    private static EvidenceSet ScenarioOne(params TlsEvent[] events) =>
        PostfixEvidenceBuilder.Build(PostfixEvidenceBuilder.ScenarioOneMainCf) with { TlsEvents = events };

    [Fact]
    public void Diagnose_LogFailuresAndProtocolFloor_OneJoinedFindingWithBothKindsOfEvidence()
    {
        // Given scenario 1's configuration and three protocol refusals from two organisations in the log
        var evidence = ScenarioOne(
            Event(4, "mail-wi0-x230.google.com", "google.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch),
            Event(9, "mail-wi0-x231.google.com", "google.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch, day: 20),
            Event(17, "outcampmail003.ash2.facebook.com", "facebook.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch));

        // When diagnosing
        var findings = Diagnoser.Diagnose(evidence);

        // Then one inbound-protocol-floor finding leads, joining the log lines and the main.cf line, and no separate log finding remains
        var top = findings[0];
        Assert.Equal("inbound-protocol-floor", top.Id.Value);
        Assert.DoesNotContain(findings, f => f.Id == FindingCatalogue.InboundHandshakeFailures.Id);
        Assert.Equal(3, top.Occurrences);
        Assert.Equal(["google.com", "facebook.com"], top.Affected.Take(2));
        Assert.StartsWith("google.com (2), facebook.com (1) failed the TLS handshake", top.Cause, StringComparison.Ordinal);
        Assert.Contains("2025-12-19T11:04:00", top.Cause, StringComparison.Ordinal);
        Assert.Contains("(main.cf:6)", top.Cause, StringComparison.Ordinal);
        var config = top.Evidence.OfType<ConfigLineEvidence>().First();
        Assert.Equal("smtpd_tls_protocols", config.Parameter);
        Assert.Equal(2, top.Evidence.OfType<LogLineEvidence>().Count());
        Assert.Contains(top.Fix!.Steps, s => s.StartsWith("postconf -e", StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnose_ProbeRefusesOldVersions_JoinedFindingCitesTheProbe()
    {
        // Given the same, plus a probe of port 25 that saw TLS 1.0 and 1.1 refused
        var evidence = ScenarioOne(Event(4, "mail-wi0-x230.google.com", "google.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch)) with
        {
            Probes =
            [
                new TlsProbeResult
                {
                    Target = "localhost[127.0.0.1]:25",
                    HostName = "localhost",
                    Port = 25,
                    Protocols =
                    [
                        new ProtocolSupport { Version = TlsProtocolVersion.Tls10, Accepted = false },
                        new ProtocolSupport { Version = TlsProtocolVersion.Tls11, Accepted = false },
                        new ProtocolSupport { Version = TlsProtocolVersion.Tls12, Accepted = true },
                        new ProtocolSupport { Version = TlsProtocolVersion.Tls13, Accepted = true },
                    ],
                    FullHandshake = "Tls13 TLS_AES_256_GCM_SHA384",
                    Counts = new ProbeCounts(4, 4, 0, TimeSpan.FromSeconds(1)),
                },
            ],
        };

        // When diagnosing
        var top = Diagnoser.Diagnose(evidence)[0];

        // Then the cause says the probe confirms the floor, and the handshake fact is evidence
        Assert.Equal("inbound-protocol-floor", top.Id.Value);
        Assert.Contains("A probe of localhost[127.0.0.1]:25 confirms it: offered alone, TLSv1.2, TLSv1.3 was accepted and TLSv1, TLSv1.1 refused.", top.Cause, StringComparison.Ordinal);
        var probe = Assert.Single(top.Evidence.OfType<HandshakeEvidence>());
        Assert.Contains("refuses TLSv1, TLSv1.1 offered alone", probe.Fact, StringComparison.Ordinal);
    }

    private static TlsProbeResult TwelveOnlyProbe() => new()
    {
        Target = "localhost[127.0.0.1]:25",
        HostName = "localhost",
        Port = 25,
        Protocols =
        [
            new ProtocolSupport { Version = TlsProtocolVersion.Tls10, Accepted = false },
            new ProtocolSupport { Version = TlsProtocolVersion.Tls12, Accepted = true },
        ],
        Senders = [new SenderOutcome("gmail-2014", "Gmail as seen in 2014", HelloOutcomeKind.Alert, null, null, "alert protocol_version", [TlsProtocolVersion.Tls10])],
        Counts = new ProbeCounts(3, 3, 0, TimeSpan.FromSeconds(1)),
    };

    [Fact]
    public void Diagnose_ConfigAndProbeFloorWithoutLogs_OneFindingWithTheProbeFacts()
    {
        // Given scenario 1's configuration and a live probe that raises the same floor on its own
        var evidence = ScenarioOne() with { Probes = [TwelveOnlyProbe()] };

        // When diagnosing
        var findings = Diagnoser.Diagnose(evidence);

        // Then there is one inbound-protocol-floor finding, citing main.cf, the probe and the sender replay
        var floor = Assert.Single(findings, f => f.Id == FindingCatalogue.InboundProtocolFloor.Id);
        Assert.Contains(floor.Evidence, e => e is ConfigLineEvidence);
        Assert.Contains(floor.Evidence, e => e is HandshakeEvidence h && h.Fact.Contains("Gmail as seen in 2014", StringComparison.Ordinal));
        Assert.Contains("confirms it", floor.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_ProbeFloorAndLogsWithoutConfig_OneFindingLedByTheLog()
    {
        // Given no configuration (a Sendmail host, say), refusals in the log and the probe's floor
        var evidence = new EvidenceSet
        {
            TlsEvents = [Event(4, "mail.google.com", "google.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch)],
            Probes = [TwelveOnlyProbe()],
        };

        // When diagnosing
        var findings = Diagnoser.Diagnose(evidence);

        // Then the log and the probe are one finding that names the sender first
        var floor = Assert.Single(findings, f => f.Id == FindingCatalogue.InboundProtocolFloor.Id);
        Assert.StartsWith("google.com (1) failed the TLS handshake with a protocol-version refusal", floor.Cause, StringComparison.Ordinal);
        Assert.Contains("localhost[127.0.0.1]:25 negotiates only TLSv1.2", floor.Cause, StringComparison.Ordinal);
        Assert.Equal("google.com", floor.Affected[0]);
        Assert.DoesNotContain(findings, f => f.Id == FindingCatalogue.InboundHandshakeFailures.Id);
    }

    [Fact]
    public void Diagnose_OnlyOneSource_NothingIsJoined()
    {
        // Given protocol refusals in a log but no configuration, and a configuration with no log
        var logsOnly = new EvidenceSet { TlsEvents = [Event(4, "mail.google.com", "google.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch)] };
        var configOnly = ScenarioOne();

        // When diagnosing each
        var fromLogs = Diagnoser.Diagnose(logsOnly);
        var fromConfig = Diagnoser.Diagnose(configOnly);

        // Then each keeps its own single-source finding
        Assert.Contains(fromLogs, f => f.Id == FindingCatalogue.InboundHandshakeFailures.Id);
        Assert.DoesNotContain(fromLogs, f => f.Id == FindingCatalogue.InboundProtocolFloor.Id);
        var floor = Assert.Single(fromConfig, f => f.Id == FindingCatalogue.InboundProtocolFloor.Id);
        Assert.Empty(floor.Evidence.OfType<LogLineEvidence>());
    }

    [Fact]
    public void Diagnose_OtherCauseBesideTheFloor_KeepsItsOwnFinding()
    {
        // Given protocol refusals and an unrelated timeout in the log
        var evidence = ScenarioOne(
            Event(4, "mail.google.com", "google.com", TlsDirection.Inbound, TlsCause.ProtocolVersionMismatch),
            Event(40, "mx.example.net", "example.net", TlsDirection.Inbound, TlsCause.HandshakeTimeout));

        // When diagnosing
        var findings = Diagnoser.Diagnose(evidence);

        // Then the timeout is still reported on its own, and only the refusal was joined
        var remaining = Assert.Single(findings, f => f.Id == FindingCatalogue.InboundHandshakeFailures.Id);
        Assert.Contains("handshake_timeout", remaining.Cause, StringComparison.Ordinal);
        Assert.Equal(1, findings.Single(f => f.Id == FindingCatalogue.InboundProtocolFloor.Id).Occurrences);
    }

    [Fact]
    public void Diagnose_NoSharedCipherAndCipherSettings_JoinedUnderTheCipherFinding()
    {
        // Given scenario 2's exclusions and Gmail failing with no shared cipher
        var evidence = PostfixEvidenceBuilder.Build(
            "smtpd_tls_security_level = may\nsmtpd_tls_exclude_ciphers = aNULL, LOW, EXP, MEDIUM, ADH, AECDH, MD5, DSS, ECDSA, CAMELLIA128, 3DES, CAMELLIA256, RSA+AES, eNULL\n",
            postfix: "2.6.6",
            openSsl: "1.0.1") with
        {
            TlsEvents = [Event(4, "mail-lf1-f44.google.com", "google.com", TlsDirection.Inbound, TlsCause.NoSharedCipher)],
        };

        // When diagnosing
        var findings = Diagnoser.Diagnose(evidence);

        // Then the cipher finding carries the log line and names Google; the log-only finding is gone
        var joined = Assert.Single(findings, f => f.Id == FindingCatalogue.CipherlistNoSharedSuite.Id);
        Assert.StartsWith("google.com (1) failed the TLS handshake with \"no shared cipher\"", joined.Cause, StringComparison.Ordinal);
        Assert.Single(joined.Evidence.OfType<LogLineEvidence>());
        Assert.DoesNotContain(findings, f => f.Id == FindingCatalogue.InboundHandshakeFailures.Id);
    }

    [Fact]
    public void Diagnose_SecureDeferralAndPolicyEntry_PolicyFindingCitesEntryAndLog()
    {
        // Given scenario 3's policy table and the deferral of mail to fastmail.fm
        var evidence = PostfixEvidenceBuilder.Build(
            "smtp_tls_security_level = may\nsmtp_tls_policy_maps = hash:/etc/postfix/tls_policy\n",
            postfix: "2.11.0",
            openSsl: "1.0.1",
            policyTable: "facebook.com    secure ciphers=high\nfastmail.fm     secure ciphers=high\n") with
        {
            TlsEvents =
            [
                Event(10, "in1-smtp.messagingengine.com", "messagingengine.com", TlsDirection.Outbound, TlsCause.ServerCertNameMismatch,
                    "D33A02504112: to=<user@fastmail.fm>, relay=in1-smtp.messagingengine.com[66.111.4.74]:25, dsn=4.7.5, status=deferred (Server certificate not verified)"),
            ],
        };

        // When diagnosing
        var findings = Diagnoser.Diagnose(evidence);

        // Then one policy-secure-name-mismatch finding cites the table line and the log line, with the narrowest match=
        var joined = Assert.Single(findings, f => f.Id == FindingCatalogue.PolicySecureNameMismatch.Id);
        Assert.Equal(["fastmail.fm"], joined.Affected);
        var entry = joined.Evidence.OfType<ConfigLineEvidence>().First();
        Assert.Equal(new SourceLocation("/etc/postfix/tls_policy", 2), entry.Location);
        Assert.Single(joined.Evidence.OfType<LogLineEvidence>());
        Assert.Contains("must name fastmail.fm or .fastmail.fm", joined.Cause, StringComparison.Ordinal);
        Assert.Equal("fastmail.fm secure match=.messagingengine.com ciphers=high", joined.Fix!.Steps[0]);
        Assert.DoesNotContain(findings, f => f.Id == FindingCatalogue.OutboundTlsFailures.Id);
    }

    [Theory]
    [InlineData("D1: to=<user@fastmail.fm>, relay=x", "fastmail.fm")]
    [InlineData("D1: to=<a@b@Example.ORG.>, relay=x", "example.org")]
    [InlineData("D1: to=<user>, relay=x", null)]
    [InlineData("D1: to=<user@", null)]
    [InlineData("no recipient here", null)]
    [InlineData(null, null)]
    public void RecipientDomain_DeliveryLines_DomainOrNull(string? line, string? expected)
    {
        // Given a delivery line; When reading its recipient domain; Then it is the domain after the last @
        Assert.Equal(expected, SecurePolicyCorrelation.RecipientDomain(line));
    }
}
